package cache;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The chai shop's recipe cache: brewing a recipe's concentrate is slow, so each one is brewed once and then served
 * from the cache to every barista who asks for it.
 */
public class RecipeCache<K, V> {

    private final Map<K, V> brewed = new HashMap<>();
    private final Function<K, V> brew;

    public RecipeCache(Function<K, V> brew) {
        this.brew = brew;
    }

    /** The value for {@code key}, brewed on the first get and served from the cache after that. */
    public V get(K key) {
        if (!brewed.containsKey(key)) {
            brewed.put(key, brew.apply(key));
        }
        return brewed.get(key);
    }

    /** How many keys have a value. */
    public int size() {
        return brewed.size();
    }
}
