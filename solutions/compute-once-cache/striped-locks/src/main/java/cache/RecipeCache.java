package cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Lock striping by hash code: a key is brewed under one of 16 locks chosen by its hashCode(), so keys brew in parallel
 * unless their hashes pick the same stripe; then one waits for the other's brew.
 */
public class RecipeCache<K, V> {

    private final ConcurrentHashMap<K, V> brewed = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[16];
    private final Function<K, V> brew;

    public RecipeCache(Function<K, V> brew) {
        this.brew = brew;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    public V get(K key) {
        V value = brewed.get(key);
        if (value != null) {
            return value;
        }
        synchronized (stripes[(key.hashCode() & 0x7fffffff) % stripes.length]) {
            value = brewed.get(key);
            if (value == null) {
                value = brew.apply(key);
                brewed.put(key, value);
            }
            return value;
        }
    }

    public int size() {
        return brewed.size();
    }
}
