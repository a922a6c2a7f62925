package cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** A concurrent map, but check-then-act all the same: get, brew, then putIfAbsent; two gets of a new key both brew. */
public class RecipeCache<K, V> {

    private final ConcurrentHashMap<K, V> brewed = new ConcurrentHashMap<>();
    private final Function<K, V> brew;

    public RecipeCache(Function<K, V> brew) {
        this.brew = brew;
    }

    public V get(K key) {
        V value = brewed.get(key);
        if (value == null) {
            V fresh = brew.apply(key);
            V earlier = brewed.putIfAbsent(key, fresh);
            value = earlier != null ? earlier : fresh;
        }
        return value;
    }

    public int size() {
        return brewed.size();
    }
}
