package race;

import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/**
 * A crew of threads that play rounds of a trial, released together, until a round shows a defect or the crew has
 * run side by side for long enough.
 *
 * <p>The budget counts only time in which crew members really ran at the same moment (the CPU time they used in a
 * round beyond the wall time the round took), so a busy machine makes a check run longer instead of making it
 * miss a race; a hard cap bounds the wait.
 */
final class RaceCrew {

    /** One round of a trial: every member plays its part at about the same instant, then the round is judged. */
    interface Round {

        void play(int member);

        /** Describes the defect this round showed, or returns null when it showed none. */
        String defect();
    }

    /** What a trial found: the first defect (or null), how many rounds it took, and how long. */
    record Verdict(String defect, int rounds, long millis) {

        void assertNoDefect(String whereToLook) {
            if (defect != null) {
                fail("%s (seen in round %s, after %s ms). %s", defect, count(rounds), count(millis), whereToLook);
            }
        }
    }

    /**
     * Twice as many threads as processors: when other processes take some of the processors, two members still
     * run side by side, and members that share a processor get preempted in the middle of a call.
     */
    static final int SIZE = Math.clamp(2L * Runtime.getRuntime().availableProcessors(), 4, 8);

    private static final Duration HARD_CAP = Duration.ofSeconds(5);
    private static final Duration HANG_LIMIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int SPINS = 100;
    private static final int PAUSES = 16;
    private static final int YIELDS = 10_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int members;
    private final long budgetNanos;
    private final int minRounds;
    private final IntFunction<Round> newRound;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicReference<Throwable> thrown = new AtomicReference<>();
    private final long[] cpu;
    private final long[] began;
    private final long[] ended;
    private final long start = System.nanoTime();
    private volatile int phase;
    private volatile boolean over;
    private Round round;
    private int rounds;
    private long sideBySide;
    private String defect;

    private RaceCrew(int members, Duration budget, int minRounds, IntFunction<Round> newRound) {
        this.members = members;
        this.budgetNanos = budget.toNanos();
        this.minRounds = minRounds;
        this.newRound = newRound;
        this.cpu = new long[members];
        this.began = new long[members];
        this.ended = new long[members];
    }

    /**
     * Plays rounds (numbered from 1) on {@link #SIZE} threads until one shows a defect, or at least
     * {@code minRounds} rounds were played while the crew ran side by side for {@code budget}.
     */
    static Verdict play(Duration budget, int minRounds, IntFunction<Round> newRound) {
        return new RaceCrew(SIZE, budget, minRounds, newRound).play();
    }

    /** Keeps consecutive calls on the stock apart, so that the JIT compiler cannot merge them into one. */
    static void between() {
        VarHandle.fullFence();
    }

    /** Waits a random moment of up to about half a microsecond, so that no thread keeps a head start. */
    static void pause() {
        for (int i = ThreadLocalRandom.current().nextInt(PAUSES); i > 0; i--) {
            Thread.onSpinWait();
        }
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private Verdict play() {
        Thread[] crew = new Thread[members];
        for (int m = 0; m < members; m++) {
            int member = m;
            crew[m] = Thread.ofPlatform().name("chai-crew-" + (m + 1)).daemon().unstarted(() -> member(member));
        }
        for (Thread t : crew) {
            t.start();
        }
        awaitOrFail(crew);
        Throwable t = thrown.get();
        if (t != null) {
            throw new AssertionError("a call on ChaiStock threw " + t + " while several threads used the stock", t);
        }
        return new Verdict(defect, rounds, (System.nanoTime() - start) / 1_000_000);
    }

    private void awaitOrFail(Thread[] crew) {
        int seenPhase = phase;
        long progressed = System.nanoTime();
        for (Thread t : crew) {
            while (t.isAlive()) {
                try {
                    t.join(POLL);
                } catch (InterruptedException e) {
                    over = true;
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the crew", e);
                }
                if (phase != seenPhase) {
                    seenPhase = phase;
                    progressed = System.nanoTime();
                } else if (System.nanoTime() - progressed > HANG_LIMIT.toNanos()) {
                    over = true;
                    fail("a round did not finish within %s s; the threads stuck in ChaiStock are:%n%s%n"
                            + "Is a thread waiting for a lock that is never released?", HANG_LIMIT.toSeconds(),
                            stuckIn(crew));
                }
            }
        }
    }

    private void member(int member) {
        try {
            while (true) {
                await();
                if (over) {
                    return;
                }
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                began[member] = System.nanoTime();
                round.play(member);
                ended[member] = System.nanoTime();
                cpu[member] = THREADS.getCurrentThreadCpuTime() - cpu0;
            }
        } catch (Throwable t) {
            thrown.compareAndSet(null, t);
            over = true;
        }
    }

    private void await() {
        int p = phase;
        if (arrived.incrementAndGet() == members) {
            arrived.set(0);
            judgeAndPrepare();
            phase = p + 1;
            return;
        }
        int waits = 0;
        while (phase == p && !over) {
            if (waits < SPINS) {
                Thread.onSpinWait();
            } else if (waits < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(50_000);
            }
            waits++;
        }
    }

    private void judgeAndPrepare() {
        if (round != null) {
            rounds++;
            sideBySide += sideBySide();
            defect = round.defect();
            if (defect != null) {
                over = true;
                return;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (elapsed >= HARD_CAP.toNanos() || (sideBySide >= budgetNanos && rounds >= minRounds)) {
            over = true;
            return;
        }
        round = newRound.apply(rounds + 1);
    }

    private long sideBySide() {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            return ended[0] - began[0];
        }
        Integer[] order = new Integer[members];
        long busy = 0;
        for (int m = 0; m < members; m++) {
            order[m] = m;
            busy += cpu[m];
        }
        Arrays.sort(order, Comparator.comparingLong(m -> began[m]));
        long covered = 0;
        long from = began[order[0]];
        long to = ended[order[0]];
        for (int m : order) {
            if (began[m] > to) {
                covered += to - from;
                from = began[m];
            }
            to = Math.max(to, ended[m]);
        }
        covered += to - from;
        return Math.max(0, busy - covered);
    }

    /** Where each stuck thread is: the frames from the top of its stack down to its last call in ChaiStock. */
    private static String stuckIn(Thread[] crew) {
        return Arrays.stream(crew)
                .map(t -> Map.entry(t, t.getStackTrace()))
                .filter(e -> lastInStock(e.getValue()) >= 0)
                .map(e -> e.getKey().getName() + " (" + e.getKey().getState() + ")" + System.lineSeparator()
                        + Arrays.stream(e.getValue(), 0, lastInStock(e.getValue()) + 1).map(f -> "    at " + f)
                                .collect(Collectors.joining(System.lineSeparator())))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    private static int lastInStock(StackTraceElement[] stack) {
        for (int i = stack.length - 1; i >= 0; i--) {
            if (stack[i].getClassName().startsWith("race.ChaiStock")
                    && !stack[i].getClassName().startsWith("race.ChaiStockHiddenTest")
                    && !stack[i].getClassName().startsWith("race.ChaiStockContractTest")) {
                return i;
            }
        }
        return -1;
    }
}
