package deadlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.fail;

/**
 * Several tills (threads) that make many transfers at once, watched by a {@link LivenessWatch} for deadlocks,
 * livelocks and lost locks.
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
        LivenessWatch watch = new LivenessWatch(tills, played::get);
        while (tills.stream().anyMatch(Thread::isAlive)) {
            sleep();
            switch (watch.poll()) {
                case null -> {
                }
                case LivenessWatch.Verdict.Deadlock d -> fail("deadlock: while %s, after %s transfers some tills waited "
                        + "for each other forever (the same cycle of untimed waits in two thread dumps %d ms apart, no "
                        + "transfer finishing in between):%n%s%nLook at the order in which transfer takes the two locks.",
                        what, TransferScene.count(played.get()), LivenessWatch.CONFIRM_AFTER.toMillis(),
                        TransferScene.whereThreadsAre(d.cycle().stream().map(i -> byId(tills, i.getThreadId())).toList(),
                                accounts));
                case LivenessWatch.Verdict.Livelock l -> fail("livelock: while %s, no transfer finished for %d s (after "
                        + "%s transfers), although the tills kept running (%d ms of CPU between them) and none is in a "
                        + "deadlock:%n%s%nDo threads keep retrying while they hold a lock, or retry in lockstep without "
                        + "waiting a little (a random, growing back-off) in between?", what, l.window().toSeconds(),
                        TransferScene.count(played.get()), l.cpu().toMillis(), TransferScene.whereThreadsAre(tills, accounts));
                case LivenessWatch.Verdict.Parked p -> fail("no progress: while %s, no transfer finished for %d s (after "
                        + "%s transfers): most of that time the tills were all waiting (parked, asleep or in a timed "
                        + "tryLock), not running, for a lock that nobody is going to release, in no cycle of untimed waits "
                        + "with each other:%n%s%nIs a lock locked more often than it is "
                        + "unlocked, on some path through transfer?", what, p.window().toSeconds(),
                        TransferScene.count(played.get()), TransferScene.whereThreadsAre(tills, accounts));
                case LivenessWatch.Verdict.Starved s -> org.junit.jupiter.api.Assumptions.abort(("inconclusive: the "
                        + "machine is too busy: while %s, in %d s without a finished transfer the tills got only %d ms of "
                        + "CPU, too little to tell a livelock from a slow machine (rerun the grading)")
                        .formatted(what, s.window().toSeconds(), s.cpu().toMillis()));
            }
        }
        Throwable t = thrown.get();
        if (t != null) {
            throw new AssertionError("transfer threw %s while %s".formatted(t, what), t);
        }
        return played.get();
    }

    private static Thread byId(List<Thread> threads, long id) {
        return threads.stream().filter(t -> t.threadId() == id).findFirst().orElseThrow();
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
