package cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * computeIfAbsent used for what it is good at: its mapping function only creates an empty future (so the bucket lock
 * is held for nanoseconds, never while brewing), and the get whose future went in brews it afterwards, outside the map.
 */
public class RecipeCache<K, V> {

    private final ConcurrentHashMap<K, CompletableFuture<V>> brews = new ConcurrentHashMap<>();
    private final Function<K, V> brew;

    public RecipeCache(Function<K, V> brew) {
        this.brew = brew;
    }

    public V get(K key) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> future = brews.computeIfAbsent(key, k -> mine);
        if (future == mine) {
            try {
                mine.complete(brew.apply(key));
            } catch (Throwable t) {
                brews.remove(key, mine);
                mine.completeExceptionally(t);
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    public int size() {
        return (int) brews.values().stream().filter(f -> f.state() == java.util.concurrent.Future.State.SUCCESS).count();
    }
}
