package cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * Java Concurrency in Practice's Memoizer: a FutureTask per key, put with putIfAbsent and run by the get that put it,
 * outside any lock; every get waits in Future.get(). On failure the task is removed (only that task: remove(key, task))
 * and its cause rethrown, to the brewing get and to every get that waited.
 */
public class RecipeCache<K, V> {

    private final ConcurrentMap<K, Future<V>> cache = new ConcurrentHashMap<>();
    private final Function<K, V> brew;

    public RecipeCache(Function<K, V> brew) {
        this.brew = brew;
    }

    public V get(K key) {
        Future<V> f = cache.get(key);
        if (f == null) {
            FutureTask<V> task = new FutureTask<>(() -> brew.apply(key));
            f = cache.putIfAbsent(key, task);
            if (f == null) {
                f = task;
                task.run();
            }
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    cache.remove(key, f);
                    throw launder(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public int size() {
        int n = 0;
        for (Future<V> f : cache.values()) {
            if (f.state() == Future.State.SUCCESS) {
                n++;
            }
        }
        return n;
    }

    private static RuntimeException launder(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("the brew threw a checked exception", t);
    }
}
