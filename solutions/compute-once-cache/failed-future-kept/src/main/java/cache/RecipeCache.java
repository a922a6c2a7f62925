package cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The futures answer without the removal: a failed future stays in the map and every later get rethrows it. */
public class RecipeCache<K, V> {

    private final ConcurrentHashMap<K, CompletableFuture<V>> brews = new ConcurrentHashMap<>();
    private final Function<K, V> brew;

    public RecipeCache(Function<K, V> brew) {
        this.brew = brew;
    }

    public V get(K key) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> future = brews.putIfAbsent(key, mine);
        if (future == null) {
            future = mine;
            try {
                mine.complete(brew.apply(key));
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    public int size() {
        return brews.size();
    }
}
