package cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The brew function a scene hands to a RecipeCache: it counts the brews of each key, records which threads are brewing
 * right now, and can hold a key's brews on a gate (so a get is provably inside its brew while the scene starts the
 * next caller), fail them, or run a body of its own (a brew that asks the cache for another key).
 */
final class Kitchen implements Function<String, String> {

    /** How long a held brew waits for the scene to release it before it gives up (the scene releases it far sooner). */
    private static final long HOLD_LIMIT_S = 60;

    /** What a failing brew throws: a slow brew that went wrong, as the contract allows. */
    static final class BoiledOver extends RuntimeException {
        final int brew;

        BoiledOver(String message, int brew) {
            super(message);
            this.brew = brew;
        }
    }

    private final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failing = new ConcurrentHashMap<>();
    private final Map<String, Function<String, String>> bodies = new ConcurrentHashMap<>();
    private final Map<Thread, Integer> brewing = new ConcurrentHashMap<>();
    final List<BoiledOver> thrown = new CopyOnWriteArrayList<>();

    /** The brews of {@code key} wait on a gate until {@link #release}. */
    Kitchen hold(String key) {
        gates.put(key, new CountDownLatch(1));
        return this;
    }

    void release(String key) {
        CountDownLatch gate = gates.get(key);
        if (gate != null) {
            gate.countDown();
        }
    }

    void releaseAll() {
        gates.values().forEach(CountDownLatch::countDown);
    }

    /** The next {@code times} brews of {@code key} throw {@link BoiledOver}. */
    Kitchen failing(String key, int times) {
        failing.put(key, new AtomicInteger(times));
        return this;
    }

    /** A brew of {@code key} runs {@code body} (which may call the cache) instead of making a plain value. */
    Kitchen brewsWith(String key, Function<String, String> body) {
        bodies.put(key, body);
        return this;
    }

    static String value(String key, int brew) {
        return "brewed " + key + " (brew " + brew + ")";
    }

    int brews(String key) {
        AtomicInteger n = started.get(key);
        return n == null ? 0 : n.get();
    }

    boolean isBrewing(Thread thread) {
        return brewing.containsKey(thread);
    }

    @Override
    public String apply(String key) {
        int n = started.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Thread me = Thread.currentThread();
        brewing.merge(me, 1, Integer::sum);
        try {
            CountDownLatch gate = gates.get(key);
            if (gate != null) {
                try {
                    gate.await(HOLD_LIMIT_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            AtomicInteger fails = failing.get(key);
            if (fails != null && fails.getAndDecrement() > 0) {
                BoiledOver failure = new BoiledOver("the brew of " + key + " boiled over (brew " + n + ")", n);
                thrown.add(failure);
                throw failure;
            }
            Function<String, String> body = bodies.get(key);
            return body != null ? body.apply(key) : value(key, n);
        } finally {
            brewing.computeIfPresent(me, (t, depth) -> depth == 1 ? null : depth - 1);
        }
    }
}
