package cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Double-checked with one lock for the whole cache: a cached key is read without locking, but a missing key is
 * brewed while holding the cache-wide lock, so every other new key, and every waiter, queues behind that brew.
 */
public class RecipeCache<K, V> {

    private final ConcurrentHashMap<K, V> brewed = new ConcurrentHashMap<>();
    private final Object kettle = new Object();
    private final Function<K, V> brew;

    public RecipeCache(Function<K, V> brew) {
        this.brew = brew;
    }

    public V get(K key) {
        V value = brewed.get(key);
        if (value != null) {
            return value;
        }
        synchronized (kettle) {
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
