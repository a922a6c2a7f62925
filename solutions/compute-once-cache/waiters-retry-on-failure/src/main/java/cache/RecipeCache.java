package cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The futures answer that removes a failed future, but only the brewing get sees the failure: a waiting get that finds
 * its future failed starts over, and so brews the key again instead of getting the failure it waited for.
 */
public class RecipeCache<K, V> {

    private final ConcurrentHashMap<K, CompletableFuture<V>> brews = new ConcurrentHashMap<>();
    private final Function<K, V> brew;

    public RecipeCache(Function<K, V> brew) {
        this.brew = brew;
    }

    public V get(K key) {
        while (true) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            CompletableFuture<V> future = brews.putIfAbsent(key, mine);
            if (future == null) {
                try {
                    V value = brew.apply(key);
                    mine.complete(value);
                    return value;
                } catch (RuntimeException e) {
                    brews.remove(key, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
            try {
                return future.join();
            } catch (CompletionException failedWhileWaiting) {
                // somebody else's brew failed: try again
            }
        }
    }

    public int size() {
        return (int) brews.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
    }
}
