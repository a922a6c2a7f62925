package cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One slot per key, each with its own monitor: the first get marks its slot as brewing and brews outside the monitor;
 * the others wait() on that slot only. A failure is handed to the waiters of that brew (they know it by its round)
 * and the slot goes back to empty, so the next get brews again.
 */
public class RecipeCache<K, V> {

    private static final class Slot<V> {
        boolean brewing;
        boolean done;
        V value;
        RuntimeException failure;
        long round;
    }

    private final ConcurrentHashMap<K, Slot<V>> slots = new ConcurrentHashMap<>();
    private final Function<K, V> brew;

    public RecipeCache(Function<K, V> brew) {
        this.brew = brew;
    }

    public V get(K key) {
        Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
        synchronized (slot) {
            if (slot.done) {
                return slot.value;
            }
            if (slot.brewing) {
                long round = slot.round;
                boolean interrupted = false;
                while (slot.brewing && slot.round == round) {
                    try {
                        slot.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (slot.done) {
                    return slot.value;
                }
                throw slot.failure;
            }
            slot.brewing = true;
        }
        V value;
        try {
            value = brew.apply(key);
        } catch (RuntimeException e) {
            fail(slot, e);
            throw e;
        } catch (Error e) {
            fail(slot, new IllegalStateException(e));
            throw e;
        }
        synchronized (slot) {
            slot.value = value;
            slot.done = true;
            slot.brewing = false;
            slot.notifyAll();
        }
        return value;
    }

    private static void fail(Slot<?> slot, RuntimeException e) {
        synchronized (slot) {
            slot.failure = e;
            slot.brewing = false;
            slot.round++;
            slot.notifyAll();
        }
    }

    public int size() {
        int n = 0;
        for (Slot<V> slot : slots.values()) {
            synchronized (slot) {
                if (slot.done) {
                    n++;
                }
            }
        }
        return n;
    }
}
