package parallel;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static parallel.Tally.grouped;

/** Hidden checks that count really spreads its work over the processors, keeps it balanced, and cleans up. */
@Isolated
@DisplayName("PrimeCounter spreading its work")
class PrimeCounterHiddenTest {

    private static final int CPUS = Runtime.getRuntime().availableProcessors();
    private static final Duration PARTNER_WAIT = Duration.ofSeconds(3);
    private static final Duration IDLE_PROOF = Duration.ofSeconds(2);
    /** Numbers in the probe that tells a one-thread answer from a parallel one before any timing. */
    private static final long PROBE_NUMBERS = 200_000;
    private static final Duration HOLD_CAP = Duration.ofSeconds(5);
    private static final Duration THREAD_GRACE = Duration.ofSeconds(3);

    /** A cheap test that cannot be optimised away: about a third of all numbers pass. */
    static boolean cheap(long n) {
        long h = n * 0x9E3779B97F4A7C15L;
        return Long.remainderUnsigned(h ^ (h >>> 29), 3) == 0;
    }

    @Test
    @Tag("task:1")
    @DisplayName("Two threads test numbers at the same time")
    void worksInParallel() {
        assumeTrue(CPUS >= 2, "the grading JVM sees only one processor, so nothing can run in parallel");
        long from = 0;
        long to = 2_000_000;
        Rendezvous rendezvous = new Rendezvous(PARTNER_WAIT);

        new PrimeCounter().count(from, to, rendezvous);

        if (rendezvous.met()) {
            return;
        }
        if (!rendezvous.starved().isEmpty()) {
            abort(("Inconclusive: the first thread to test a number waited %d s for a second one, and %s still "
                    + "runnable but had not been given a CPU to get there: the machine is too busy to tell (rerun the "
                    + "grading)").formatted(HOLD_CAP.toSeconds(), rendezvous.starved().stream().limit(3)
                    .map(Threads::name).collect(Collectors.joining(", ")) + (rendezvous.starved().size() == 1 ? " was"
                    : " were")));
        }
        fail(sequentialSymptom(rendezvous, to - from));
    }

    /** What a probe that found no second thread testing numbers saw: who did all the work, and where to look. */
    private static String sequentialSymptom(Rendezvous rendezvous, long numbers) {
        Thread caller = Thread.currentThread();
        Map<Thread, Long> testers = rendezvous.testsPerThread();
        Thread waiter = rendezvous.firstWaiter();
        String saw = "while %s waited %d s inside the test at number %s, no other thread started testing"
                .formatted(waiter == caller ? "the calling thread" : Threads.name(waiter), PARTNER_WAIT.toSeconds(),
                        grouped(rendezvous.firstNumber()));
        if (testers.size() > 1) {
            return ("Nothing ran in parallel: %s tested numbers, but one after another: %s. Does the code wait for "
                    + "each part to finish before it starts the next?").formatted(list(testers), saw);
        }
        if (waiter == caller) {
            return ("Nothing ran in parallel: count tested all %s numbers on the thread that called it (%s). The stub's "
                    + "loop is still doing all the work: hand parts of the range to other threads.")
                    .formatted(grouped(numbers), saw);
        }
        if (Threads.isCommonPoolWorker(waiter)) {
            return ("Nothing ran in parallel: one worker of the common pool, %s, tested all %s numbers while the calling "
                    + "thread only waited for it (%s). On this machine the common pool has %d worker%s "
                    + "(ForkJoinPool.getCommonPoolParallelism(): one fewer than the %d processors, because the pool "
                    + "expects the caller to work too). CompletableFuture.supplyAsync or runAsync without an executor, "
                    + "and tasks submitted to the common pool from outside, run on those workers only, and join() or "
                    + "get() does not make the caller help.").formatted(
                    Threads.name(waiter), grouped(numbers), saw, ForkJoinPool.getCommonPoolParallelism(),
                    ForkJoinPool.getCommonPoolParallelism() == 1 ? "" : "s", CPUS);
        }
        return ("Nothing ran in parallel: one thread, %s, tested all %s numbers while the calling thread only waited (%s). "
                + "The work moved to another thread but was not spread: how many threads does the executor have?")
                .formatted(Threads.name(waiter), grouped(numbers), saw);
    }

    @Test
    @Tag("task:1")
    @DisplayName("Counting primes is faster than the sequential loop")
    void fasterThanSequential() {
        assumeTrue(CPUS >= 2, "the grading JVM sees only one processor, so nothing can run faster in parallel");
        long from = 1_000_000_000L;
        long to = from + 6_000;
        PrimeCounter counter = new PrimeCounter();
        // Wall time on a loaded machine made a one-thread answer fail in some gradings and end inconclusive in
        // others. Whether it is sequential does not depend on the load: a probe holds the first thread that tests a
        // number until a second one tests one too (or none is coming), so such an answer fails here every time.
        Rendezvous probe = new Rendezvous(PARTNER_WAIT);
        counter.count(0, PROBE_NUMBERS, probe);
        if (!probe.met() && probe.starved().isEmpty()) {
            fail("Not faster than the loop, whatever the machine: " + sequentialSymptom(probe, PROBE_NUMBERS));
        }
        long expected = SpeedTrial.sequential(from, to, PrimeCounter::isPrime);

        SpeedTrial.Result result = SpeedTrial.run(() -> counter.countPrimes(from, to), from, to, PrimeCounter::isPrime,
                expected);

        String measured = ("countPrimes(%d, %d) ran %s as fast as the sequential loop (which took %d ms), while "
                + "three references that hand out small chunks to %d threads reached at least %s in the same round")
                .formatted(
                from, to, SpeedTrial.times(result.student()), result.sequentialMillis(), CPUS,
                SpeedTrial.times(result.reference()));
        switch (result.verdict()) {
            case FASTER -> {
            }
            case UNDECIDED -> abort(("Inconclusive: in %d rounds the machine was too busy to tell (every reference "
                    + "reached %s in %d of them; last: %s). A rerun on a quieter machine can decide.").formatted(
                    result.rounds(), SpeedTrial.times(SpeedTrial.QUALIFIES), result.qualified(), measured));
            case NOT_FASTER -> fail(("Not faster than the loop: in %d rounds where every reference reached at least %s, "
                    + "count stayed below %s each time; last: %s. With %d processors, count should get close to %d "
                    + "times faster.").formatted(result.qualified(), SpeedTrial.times(SpeedTrial.QUALIFIES),
                    SpeedTrial.times(SpeedTrial.NOT_FASTER), measured, CPUS, CPUS));
        }
    }

    @Test
    @Tag("task:3")
    @DisplayName("When a thread that helps count is held up, the other threads test most of the range")
    void keepsGoingWhenOneThreadIsSlow() {
        assumeTrue(CPUS >= 2, "the grading JVM sees only one processor, so nothing can run in parallel");
        long from = 1_000_000;
        long size = 400_000;
        // Work handed out in advance in one block per processor leaves 1/CPUS of the range to the held thread;
        // a parallel stream's largest piece is 1/(4 (CPUS - 1)) of it; allow the midpoint.
        double stuckShare = (1.0 / CPUS + 1.0 / (4.0 * (CPUS - 1))) / 2;
        long target = size - (long) (size * stuckShare);
        Holdup holdup = new Holdup(target, Thread.currentThread());

        // What count returns is not judged here: a lost update (task 2's checks) made this balance check pass or fail
        // by luck (a shared-counter answer kept it in 5 of 9 gradings at load 6-15), so only the Holdup decides.
        new PrimeCounter().count(from, from + size, holdup);

        Holdup.Outcome outcome = holdup.outcome();
        if (outcome == null) {
            fail("count(%d, %d, test) never called the test", from, from + size);
        }
        switch (outcome) {
            case REACHED -> {
            }
            case TOO_SLOW -> abort(("Inconclusive: while the thread that tested %s was held up, the other threads "
                    + "were still testing after %d s (%s of %s numbers done). The machine is too busy to tell; "
                    + "a rerun on a quieter machine can decide.").formatted(grouped(holdup.heldAt()), HOLD_CAP.toSeconds(),
                    grouped(holdup.doneAtRelease()), grouped(size)));
            case STALLED -> {
                Map<Thread, Long> testers = holdup.testsAtRelease();
                if (testers.size() == 1) {
                    fail(("Only one thread tested numbers: while the thread that tested %s (%s) was held up inside the "
                            + "test for %d s, no other thread tested anything, so the whole range waited for it. See "
                            + "task 1: the work has to be spread over several threads before it can be balanced.")
                            .formatted(grouped(holdup.heldAt()), Threads.name(holdup.holder()), IDLE_PROOF.toSeconds()));
                }
                long waiting = size - holdup.doneAtRelease();
                Thread caller = Thread.currentThread();
                String why = holdup.holder() instanceof ForkJoinWorkerThread && testers.containsKey(caller)
                        ? " Here the calling thread worked too, but it is not one of the fork/join pool's workers: "
                        + "it can only work on the pieces it split itself, and its join() waits instead of taking "
                        + "over the pieces of a worker. Let the pool's workers do all the work."
                        : "";
                fail(("Work does not move to idle threads: while the thread that tested %s (%s) was held up inside the "
                        + "test, the threads tested %s of the %s numbers and then sat idle for %d s; %s numbers (%d%%) "
                        + "waited for the held thread (a well balanced count leaves at most %d%% to it). Threads and "
                        + "the numbers they had tested: %s. When each thread gets its share of the range in advance, a "
                        + "share that costs more (larger numbers take longer to test, a thread is descheduled) keeps "
                        + "everyone waiting for the slowest: cut the range into many more pieces than there are "
                        + "threads, and let free threads take the next piece.%s").formatted(grouped(holdup.heldAt()),
                        Threads.name(holdup.holder()), grouped(holdup.doneAtRelease()), grouped(size),
                        IDLE_PROOF.toSeconds(), grouped(waiting), Math.round(100.0 * waiting / size),
                        Math.round(100 * stuckShare), list(testers), why));
            }
        }
    }

    @Test
    @Tag("task:4")
    @DisplayName("No thread that count used or started is still alive after it returns")
    void noThreadLeftRunning() {
        Set<Thread> before = Threads.alive();
        Thread caller = Thread.currentThread();
        PrimeCounter counter = new PrimeCounter();
        Set<Thread> used = new HashSet<>();
        for (int call = 0; call < 2; call++) {
            Tally tally = new Tally(0, 300_000, PrimeCounterHiddenTest::cheap);
            counter.count(0, 300_000, tally);
            used.addAll(tally.testsPerThread().keySet());
        }
        Set<Thread> suspects = new HashSet<>(used);
        Set<Thread> started = Threads.alive();
        started.removeAll(before);
        suspects.addAll(started);
        suspects.remove(caller);
        suspects.removeIf(Threads::ownedByJdk);

        long deadline = System.nanoTime() + THREAD_GRACE.toNanos();
        suspects.removeIf(t -> !t.isAlive());
        while (!suspects.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            suspects.removeIf(t -> !t.isAlive());
        }
        if (!suspects.isEmpty()) {
            String threads = suspects.stream().sorted(Comparator.comparing(Thread::getName)).limit(6)
                    .map(Threads::describe).collect(Collectors.joining(", "));
            long fromBefore = suspects.stream().filter(before::contains).count();
            fail(("After two calls of count returned, %d thread%s that count used or started %s still alive %d s "
                    + "later: %s%s. Threads that outlive the call pile up with every call and can keep the JVM from "
                    + "exiting. Whatever count starts, it must also stop, and wait for it.%s").formatted(
                    suspects.size(), suspects.size() == 1 ? "" : "s", suspects.size() == 1 ? "was" : "were",
                    THREAD_GRACE.toSeconds(), threads, suspects.size() > 6 ? ", …" : "",
                    fromBefore > 0 ? " (%d of them already existed before these calls: a pool kept between calls "
                            .formatted(fromBefore) + "is never shut down either.)" : ""));
        }
    }

    static String list(Map<Thread, Long> perThread) {
        return perThread.entrySet().stream()
                .sorted(Map.Entry.<Thread, Long>comparingByValue().reversed())
                .limit(6)
                .map(e -> Threads.name(e.getKey()) + " " + grouped(e.getValue()))
                .collect(Collectors.joining(", ")) + (perThread.size() > 6 ? ", …" : "");
    }

    /**
     * A test whose first call on each thread waits until a second thread calls it too (or a time limit passes):
     * proof that two threads were inside the test at the same moment, whatever the machine's load.
     */
    static final class Rendezvous implements LongPredicate {
        private final long waitNanos;
        private final Map<Thread, LongAdder> perThread = new ConcurrentHashMap<>();
        private final AtomicReference<Thread> firstWaiter = new AtomicReference<>();
        private volatile long firstNumber;
        private volatile boolean over;
        private volatile boolean met;
        private volatile List<Thread> starved = List.of();
        private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
        /** A thread that got less CPU than this while the first one waited has hardly run: the machine starved it. */
        private static final Duration STARVED_CPU = Duration.ofMillis(100);

        Rendezvous(Duration wait) {
            this.waitNanos = wait.toNanos();
        }

        @Override
        public boolean test(long n) {
            Thread me = Thread.currentThread();
            LongAdder mine = perThread.get(me);
            if (mine == null) {
                mine = perThread.computeIfAbsent(me, t -> new LongAdder());
                if (!over) {
                    arrive(me, n);
                }
            }
            mine.increment();
            return cheap(n);
        }

        /**
         * The first thread waits for a second one: {@link #PARTNER_WAIT} at least, and, while some other thread is
         * still runnable (it wants to run: on a loaded machine it may simply not have been given a CPU yet), up to
         * {@link #HOLD_CAP}. Past that with a runnable thread still on its way, the check cannot tell a slow machine
         * from sequential code and ends inconclusive; with every other thread waiting, nothing else is coming.
         */
        private void arrive(Thread me, long n) {
            if (firstWaiter.compareAndSet(null, me)) {
                firstNumber = n;
                long start = System.nanoTime();
                Map<Thread, Long> cpuAtStart = new HashMap<>();
                Threads.alive().forEach(t -> cpuAtStart.put(t, CPU.getThreadCpuTime(t.threadId())));
                while (perThread.size() < 2) {
                    long waited = System.nanoTime() - start;
                    if (waited >= HOLD_CAP.toNanos()) {
                        starved = otherRunnable(me, cpuAtStart);
                        break;
                    }
                    if (waited >= waitNanos && otherRunnable(me, cpuAtStart).isEmpty()) {
                        break;
                    }
                    LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
                }
                met = perThread.size() >= 2;
                over = true;
            }
        }

        /**
         * The threads other than {@code me} (and the JVM's own) that are runnable right now and have had almost no CPU
         * since the wait began: they want to run and the machine has not let them. A thread that keeps running (a
         * caller spinning while it waits for a single worker) is not on its way to the test, and does not count.
         */
        private static List<Thread> otherRunnable(Thread me, Map<Thread, Long> cpuAtStart) {
            return Threads.alive().stream().filter(t -> t != me && t.getState() == Thread.State.RUNNABLE)
                    .filter(t -> CPU.getThreadCpuTime(t.threadId()) - cpuAtStart.getOrDefault(t, 0L) < STARVED_CPU.toNanos())
                    .filter(t -> {
                        ThreadGroup group = t.getThreadGroup();
                        return group == null || !(group.getName().equals("system")
                                || group.getName().equals("InnocuousThreadGroup"));
                    }).toList();
        }

        boolean met() {
            return met;
        }

        /** The threads that were still runnable, without having reached the test, when the wait gave up. */
        List<Thread> starved() {
            return starved;
        }

        Thread firstWaiter() {
            return firstWaiter.get();
        }

        long firstNumber() {
            return firstNumber;
        }

        Map<Thread, Long> testsPerThread() {
            Map<Thread, Long> counts = new ConcurrentHashMap<>();
            perThread.forEach((t, c) -> counts.put(t, c.sum()));
            return counts;
        }
    }

    /**
     * A test that holds up the first helper thread to call it until the range has been tested up to a given share,
     * or no thread has made progress for a while: work handed out in advance cannot get past the held thread.
     */
    static final class Holdup implements LongPredicate {
        enum Outcome { REACHED, STALLED, TOO_SLOW }

        private final long target;
        private final Thread caller;
        private boolean callerWaited;
        private final LongAdder total = new LongAdder();
        private final Map<Thread, LongAdder> perThread = new ConcurrentHashMap<>();
        private final AtomicReference<Thread> holder = new AtomicReference<>();
        private volatile long heldAt;
        private volatile Outcome outcome;
        private volatile long doneAtRelease;
        private volatile Map<Thread, Long> testsAtRelease = Map.of();

        /**
         * Holds the first thread other than {@code caller} to call the test (the caller itself only when no other
         * thread comes within {@code PARTNER_WAIT}) until {@code target} numbers, all threads together, are tested.
         */
        Holdup(long target, Thread caller) {
            this.target = target;
            this.caller = caller;
        }

        @Override
        public boolean test(long n) {
            Thread me = Thread.currentThread();
            LongAdder mine = perThread.computeIfAbsent(me, t -> new LongAdder());
            mine.increment();
            total.increment();
            if (holder.get() != null) {
                return cheap(n);
            }
            if (me != caller) {
                if (holder.compareAndSet(null, me)) {
                    heldAt = n;
                    hold(mine);
                }
            } else if (!callerWaited) {
                // The calling thread waits for a helper to arrive and be held, so that the held thread is always
                // one the caller depends on, never the caller (which some designs cannot help while it waits).
                callerWaited = true;
                long deadline = System.nanoTime() + PARTNER_WAIT.toNanos();
                while (holder.get() == null && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
                }
                if (holder.compareAndSet(null, me)) {
                    heldAt = n;
                    hold(mine);
                }
            }
            return cheap(n);
        }

        private void hold(LongAdder mine) {
            long start = System.nanoTime();
            long lastChange = start;
            long last = -1;
            while (true) {
                long done = total.sum();
                long now = System.nanoTime();
                if (done != last) {
                    last = done;
                    lastChange = now;
                }
                doneAtRelease = done;
                if (done >= target) {
                    outcome = Outcome.REACHED;
                    break;
                }
                if (now - lastChange >= IDLE_PROOF.toNanos()) {
                    outcome = Outcome.STALLED;
                    break;
                }
                if (now - start >= HOLD_CAP.toNanos()) {
                    outcome = Outcome.TOO_SLOW;
                    break;
                }
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
            Map<Thread, Long> counts = new ConcurrentHashMap<>();
            perThread.forEach((t, c) -> counts.put(t, c.sum()));
            testsAtRelease = counts;
        }

        Outcome outcome() {
            return outcome;
        }

        Thread holder() {
            return holder.get();
        }

        long heldAt() {
            return heldAt;
        }

        long doneAtRelease() {
            return doneAtRelease;
        }

        Map<Thread, Long> testsAtRelease() {
            return testsAtRelease;
        }
    }
}
