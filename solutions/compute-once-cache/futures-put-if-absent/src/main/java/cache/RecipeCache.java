package cache;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * A compute-once cache: one future per key, claimed with putIfAbsent, so exactly one get brews a key while the others
 * wait for its future. The brew runs outside every lock (putIfAbsent holds its bucket only to insert), and a failed
 * future is removed before it is completed, so its waiters all get the failure and the next get brews again.
 */
public class RecipeCache<K, V> {

    private final ConcurrentMap<K, CompletableFuture<V>> brews = new ConcurrentHashMap<>();
    private final Function<K, V> brew;

    public RecipeCache(Function<K, V> brew) {
        this.brew = brew;
    }

    public V get(K key) {
        CompletableFuture<V> future = brews.get(key);
        if (future == null) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            future = brews.putIfAbsent(key, mine);
            if (future == null) {
                future = mine;
                try {
                    mine.complete(brew.apply(key));
                } catch (RuntimeException | Error e) {
                    brews.remove(key, mine);
                    mine.completeExceptionally(e);
                }
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw rethrow(e.getCause());
        } catch (CancellationException e) {
            throw e;
        }
    }

    public int size() {
        int n = 0;
        for (CompletableFuture<V> f : brews.values()) {
            if (f.isDone() && !f.isCompletedExceptionally()) {
                n++;
            }
        }
        return n;
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
