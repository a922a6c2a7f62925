package deadlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.fail;

/**
 * Several tills (threads) that make many transfers at once, watched for deadlocks and for lack of progress.
 * Each till runs its own loop; the test thread only watches, so a deadlock is reported instead of hanging it.
 */
final class Tills {

    /** What one till does on its turn {@code i}; returns what transfer returned. */
    interface Turn {
        void play(int till, int i);
    }

    /** Twice as many threads as processors, so that tills also get preempted in the middle of a transfer. */
    static final int SIZE = Math.clamp(2L * Runtime.getRuntime().availableProcessors(), 4, 8);
    private static final Duration STOP_AFTER = Duration.ofMillis(1_500);
    private static final Duration DEADLOCK_CHECK_AFTER = Duration.ofMillis(100);

    private Tills() {
    }

    /**
     * Runs {@code turns} turns on each of {@link #SIZE} daemon threads, all released together, and returns how many
     * turns were played; stops early once {@link #STOP_AFTER} has passed. Fails the test on a deadlock, on no
     * progress, or when a transfer threw.
     */
    static long run(String what, List<Account> accounts, int turns, Turn turn) {
        AtomicLong played = new AtomicLong();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        long stopAt = System.nanoTime() + STOP_AFTER.toNanos();
        List<Thread> tills = new ArrayList<>();
        for (int t = 0; t < SIZE; t++) {
            int till = t;
            tills.add(Thread.ofPlatform().name("till-" + (t + 1)).daemon().start(() -> {
                try {
                    go.await();
                    for (int i = 0; i < turns && thrown.get() == null; i++) {
                        turn.play(till, i);
                        played.incrementAndGet();
                        if ((i & 255) == 0 && System.nanoTime() > stopAt) {
                            return;
                        }
                    }
                } catch (Throwable e) {
                    thrown.compareAndSet(null, e);
                }
            }));
        }
        go.countDown();
        long seen = 0;
        long progressAt = System.nanoTime();
        while (tills.stream().anyMatch(Thread::isAlive)) {
            sleep();
            long now = played.get();
            if (now != seen) {
                seen = now;
                progressAt = System.nanoTime();
                continue;
            }
            long still = System.nanoTime() - progressAt;
            if (still > DEADLOCK_CHECK_AFTER.toNanos() && !TransferScene.deadlocked(tills).isEmpty()) {
                fail("deadlock: while %s, after %s transfers some tills waited for each other forever:%n%s%n"
                        + "Look at the order in which transfer takes the two locks.", what, TransferScene.count(now),
                        TransferScene.whereThreadsAre(tills, accounts));
            }
            if (still > TransferScene.NO_PROGRESS.toNanos()) {
                fail("no progress: while %s, no transfer finished for %d s (after %s transfers):%n%s%n"
                        + "Do threads keep retrying while holding a lock, or wait for a lock nobody will release?",
                        what, TransferScene.NO_PROGRESS.toSeconds(), TransferScene.count(now),
                        TransferScene.whereThreadsAre(tills, accounts));
            }
        }
        Throwable t = thrown.get();
        if (t != null) {
            throw new AssertionError("transfer threw %s while %s".formatted(t, what), t);
        }
        return played.get();
    }

    private static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
