package parallel;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static parallel.Tally.grouped;

/** Hidden checks that count gives the sequential loop's answer, tests every number once, and keeps its contract. */
@DisplayName("PrimeCounter answers")
class PrimeCounterResultTest {

    /**
     * Side-by-side counting the lost-count rounds must see before a count that came out right passes: CPU time of
     * the counting threads beyond the round's wall time, a lower bound on the time two of them ran at once (on 2
     * cores, a plain {@code found++} loses matches within a millisecond of that). Wall time is not the measure: on a
     * loaded machine the threads may take turns on one core for seconds and never race.
     */
    private static final Duration LOST_COUNT_SIDE_BY_SIDE = Duration.ofMillis(200);
    /** The wall-clock cap of the rounds; without enough side-by-side counting by then the check is inconclusive. */
    private static final Duration LOST_COUNT_CAP = Duration.ofMillis(6_000);
    private static final Duration START_WAIT = Duration.ofMillis(500);
    private static final int LOST_COUNT_MIN_ROUNDS = 8;
    /**
     * Threads that may pile up during the lost-count rounds before they stop early: a count that leaves its pool
     * running adds threads with every call, and hundreds of rounds would reach the sandbox's task limit (where
     * starting a thread fails and the run hangs). Leftover threads are judged by no-thread-left-running.
     */
    private static final int LOST_COUNT_THREAD_GROWTH = 200;

    /** Ranges of every kind: empty, tiny, negative, not a multiple of any chunk count, large. */
    private static final long[][] RANGES = {
            {0, 0}, {7, 7}, {-3, -3}, {0, 1}, {1, 2}, {2, 3}, {0, 3}, {-1, 1}, {-10, 10}, {5, 12}, {13, 44},
            {-1_000, -1}, {100, 1_123}, {-50_001, 49_998}, {1, 65_538}, {-1_000_003, 1_000_001}, {0, 3_000_017}};

    @Test
    @Tag("task:2")
    @DisplayName("count finds what the sequential loop finds, for empty, tiny, negative and large ranges")
    void sameCountForEveryRange() {
        PrimeCounter counter = new PrimeCounter();
        List<String> wrong = new ArrayList<>();
        for (long[] range : RANGES) {
            long expected = SpeedTrial.sequential(range[0], range[1], PrimeCounterHiddenTest::cheap);
            AtomicLong calls = new AtomicLong();
            long found = counter.count(range[0], range[1], n -> {
                calls.incrementAndGet();
                return PrimeCounterHiddenTest.cheap(n);
            });
            if (found != expected) {
                wrong.add("count(%d, %d, test) returned %s instead of %s (the test was called %s times for %s numbers)"
                        .formatted(range[0], range[1], grouped(found), grouped(expected), grouped(calls.get()),
                                grouped(range[1] - range[0])));
            }
        }
        long[][] primeRanges = {{0, 100}, {-100, 3}, {999_000, 1_000_000}, {10_000_000_000L, 10_000_004_001L}};
        for (long[] range : primeRanges) {
            long expected = SpeedTrial.sequential(range[0], range[1], PrimeCounter::isPrime);
            long found = counter.countPrimes(range[0], range[1]);
            if (found != expected) {
                wrong.add("countPrimes(%d, %d) returned %s instead of %s".formatted(range[0], range[1], grouped(found),
                        grouped(expected)));
            }
        }
        if (!wrong.isEmpty()) {
            fail("%d of %d ranges got the wrong count: %s. Check how the range is cut into parts: does every part "
                    + "start where the previous one ended, and does the last one end at toExclusive, also when the "
                    + "range is shorter than the number of parts?", wrong.size(), RANGES.length + primeRanges.length,
                    String.join("; ", wrong.subList(0, Math.min(4, wrong.size()))) + (wrong.size() > 4 ? "; …" : ""));
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("count works at the very ends of the long numbers")
    void extremeBounds() {
        PrimeCounter counter = new PrimeCounter();
        long[][] ranges = {{Long.MIN_VALUE, Long.MIN_VALUE + 20_001}, {Long.MAX_VALUE - 20_001, Long.MAX_VALUE},
                {Long.MAX_VALUE, Long.MAX_VALUE}, {Long.MIN_VALUE, Long.MIN_VALUE}, {Long.MAX_VALUE - 1, Long.MAX_VALUE}};
        for (long[] range : ranges) {
            long expected = SpeedTrial.sequential(range[0], range[1], PrimeCounterHiddenTest::cheap);
            Tally tally = new Tally(range[0], range[1], PrimeCounterHiddenTest::cheap);
            long found = counter.count(range[0], range[1], tally);
            String defect = tally.defect();
            if (defect != null || found != expected) {
                fail("count(%d, %d, test) returned %s instead of %s%s. Near Long.MIN_VALUE and Long.MAX_VALUE a sum "
                        + "such as lo + hi, or a bound that steps past toExclusive, overflows and wraps around to the "
                        + "other end: compute midpoints and chunk ends from the range's size (hi - lo) instead.",
                        range[0], range[1], grouped(found), grouped(expected), defect == null ? "" : "; it " + defect);
            }
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("Every number of the range is tested exactly once")
    void everyNumberTestedOnce() {
        PrimeCounter counter = new PrimeCounter();
        long[][] ranges = {{0, 1}, {10, 13}, {-4, 3}, {100, 131}, {1_000, 1_033}, {-50_001, 49_998}, {1_000, 101_003},
                {7, 65_544}, {-1_000_003, 1}};
        for (long[] range : ranges) {
            Tally tally = new Tally(range[0], range[1], PrimeCounterHiddenTest::cheap);
            counter.count(range[0], range[1], tally);
            String defect = tally.defect();
            if (defect != null) {
                fail("count(%d, %d, test) %s. Every number from fromInclusive up to, but not including, toExclusive "
                        + "must go to exactly one part: look at where each part starts and ends, whether an end is "
                        + "inclusive or exclusive, and what happens to the numbers left over when the size does not "
                        + "divide evenly.", range[0], range[1], defect);
            }
        }
        Tally untouched = new Tally(5, 5, PrimeCounterHiddenTest::cheap);
        counter.count(5, 5, untouched);
        if (!untouched.testsPerThread().isEmpty()) {
            fail("count(5, 5, test) called the test, but the range is empty: %s", untouched.defect());
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("No match is lost when many numbers pass the test at once")
    void noLostCounts() {
        PrimeCounter counter = new PrimeCounter();
        long from = -1_000_000;
        long to = 1_500_000;
        LongPredicate mostPass = n -> n % 16 != 0;
        long expected = SpeedTrial.sequential(from, to, mostPass);
        long start = System.nanoTime();
        int rounds = 0;
        boolean helpersCome = true;
        boolean shared = false;
        long sideBySide = 0;
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        while ((rounds < LOST_COUNT_MIN_ROUNDS || sideBySide < LOST_COUNT_SIDE_BY_SIDE.toNanos())
                && System.nanoTime() - start < LOST_COUNT_CAP.toNanos()
                && ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore < LOST_COUNT_THREAD_GROWTH) {
            rounds++;
            StartTogether together = new StartTogether(mostPass, helpersCome ? START_WAIT : Duration.ZERO);
            long roundStart = System.nanoTime();
            long found = counter.count(from, to, together);
            long wall = System.nanoTime() - roundStart;
            sideBySide += Math.max(0, together.cpuSinceFirstTest() - wall);
            helpersCome &= together.threads() > 1;
            shared |= together.threads() > 1;
            if (found != expected) {
                fail("count(%d, %d, n -> n %% 16 != 0) returned %s instead of %s (%s %s, in round %d): when two "
                        + "threads add to the same plain variable at the same time, both can read the same old value "
                        + "and one addition is lost. Let each thread count its own part and add the parts up, or "
                        + "use something that adds atomically.", from, to, grouped(found), grouped(expected),
                        found < expected ? "lost" : "added", grouped(Math.abs(expected - found)), rounds);
            }
        }
        if (shared && sideBySide < LOST_COUNT_SIDE_BY_SIDE.toNanos()) {
            org.junit.jupiter.api.Assumptions.abort(("inconclusive: the machine is too busy: in %d rounds over %d ms the "
                    + "counting threads ran side by side for only %d ms (%d ms needed to show that no match is lost), "
                    + "and every count was right").formatted(rounds, (System.nanoTime() - start) / 1_000_000,
                    sideBySide / 1_000_000, LOST_COUNT_SIDE_BY_SIDE.toMillis()));
        }
    }

    /** A test whose first call on the first thread waits (briefly) for a second thread, so that both count at once. */
    static final class StartTogether implements LongPredicate {
        private final LongPredicate answer;
        private final long waitNanos;
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        private final Map<Thread, Long> cpuAtFirstTest = new ConcurrentHashMap<>();

        StartTogether(LongPredicate answer, Duration wait) {
            this.answer = answer;
            this.waitNanos = wait.toNanos();
        }

        @Override
        public boolean test(long n) {
            Thread me = Thread.currentThread();
            if (!cpuAtFirstTest.containsKey(me)) {
                cpuAtFirstTest.putIfAbsent(me, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            }
            if (threads.size() < 2 && !threads.contains(me) && threads.add(me) && threads.size() == 1) {
                long deadline = System.nanoTime() + waitNanos;
                while (threads.size() < 2 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(100_000);
                }
            }
            return answer.test(n);
        }

        int threads() {
            return threads.size();
        }

        /** CPU time the threads that called the test have used since their first call (threads gone count nothing). */
        long cpuSinceFirstTest() {
            long sum = 0;
            for (Map.Entry<Thread, Long> e : cpuAtFirstTest.entrySet()) {
                long now = ManagementFactory.getThreadMXBean().getThreadCpuTime(e.getKey().getId());
                if (now > e.getValue()) {
                    sum += now - e.getValue();
                }
            }
            return sum;
        }
    }

    @Test
    @Tag("task:5")
    @DisplayName("countPrimes counts the primes, and isPrime still answers as given")
    void countsPrimes() {
        PrimeCounter counter = new PrimeCounter();
        assertThat(counter.countPrimes(0, 100)).as("countPrimes(0, 100): there are 25 primes below 100").isEqualTo(25);
        assertThat(counter.countPrimes(0, 1_000_000)).as("countPrimes(0, 1000000): there are 78,498 primes below a million")
                .isEqualTo(78_498);
        assertThat(counter.countPrimes(-1_000, 2)).as("countPrimes(-1000, 2): no number below 2 is prime").isZero();
        assertThat(counter.countPrimes(2, 3)).as("countPrimes(2, 3)").isEqualTo(1);
        assertThat(counter.countPrimes(1_000_000_007L, 1_000_000_008L)).as("countPrimes(1000000007, 1000000008)").isEqualTo(1);
        long[] primes = {2, 3, 5, 7, 97, 7_919, 1_000_000_007L, 2_147_483_647L};
        long[] others = {Long.MIN_VALUE, -7, -2, -1, 0, 1, 4, 9, 91, 7_917, 1_000_000_008L, 2_147_483_649L};
        for (long p : primes) {
            assertThat(PrimeCounter.isPrime(p)).as("isPrime(%d)", p).isTrue();
        }
        for (long n : others) {
            assertThat(PrimeCounter.isPrime(n)).as("isPrime(%d)", n).isFalse();
        }
    }

    @Test
    @Tag("task:5")
    @DisplayName("A reversed range throws IllegalArgumentException without testing any number")
    void rejectsReversedRange() {
        PrimeCounter counter = new PrimeCounter();
        AtomicLong calls = new AtomicLong();
        LongPredicate counted = n -> calls.incrementAndGet() > 0;
        assertThatThrownBy(() -> counter.count(10, 9, counted)).as("count(10, 9, test)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.count(0, -1_000_000, counted)).as("count(0, -1000000, test)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.count(Long.MAX_VALUE, Long.MIN_VALUE, counted))
                .as("count(Long.MAX_VALUE, Long.MIN_VALUE, test)").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.countPrimes(5, 4)).as("countPrimes(5, 4)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(calls.get()).as("calls of the test during count with reversed ranges").isZero();
    }
}
