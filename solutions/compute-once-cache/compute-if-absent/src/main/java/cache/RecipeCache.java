package cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** computeIfAbsent with the brew as its mapping function: the brew runs while the map holds the key's bucket. */
public class RecipeCache<K, V> {

    private final ConcurrentHashMap<K, V> brewed = new ConcurrentHashMap<>();
    private final Function<K, V> brew;

    public RecipeCache(Function<K, V> brew) {
        this.brew = brew;
    }

    public V get(K key) {
        return brewed.computeIfAbsent(key, brew);
    }

    public int size() {
        return brewed.size();
    }
}
