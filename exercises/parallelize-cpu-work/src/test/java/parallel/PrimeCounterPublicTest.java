package parallel;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Public tests of PrimeCounter: its answers, whether it uses more than one thread, and whether it cleans up. */
@DisplayName("PrimeCounter")
class PrimeCounterPublicTest {

    private final PrimeCounter counter = new PrimeCounter();

    @Test
    @Tag("task:5")
    @DisplayName("countPrimes knows there are 25 primes below 100 and 78,498 below a million")
    void countsPrimes() {
        assertThat(counter.countPrimes(0, 100)).as("countPrimes(0, 100)").isEqualTo(25);
        assertThat(counter.countPrimes(0, 1_000_000)).as("countPrimes(0, 1000000)").isEqualTo(78_498);
        assertThat(counter.countPrimes(-50, 2)).as("countPrimes(-50, 2): nothing below 2 is prime").isZero();
    }

    @Test
    @Tag("task:5")
    @DisplayName("A reversed range throws IllegalArgumentException")
    void rejectsReversedRange() {
        assertThatThrownBy(() -> counter.count(10, 9, n -> true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.countPrimes(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("task:2")
    @DisplayName("count finds what a plain loop finds, for empty, tiny, negative and large ranges")
    void sameAnswerAsALoop() {
        long[][] ranges = {{0, 0}, {3, 3}, {0, 1}, {0, 5}, {-7, 7}, {-100_003, 17}, {1, 1_000_003}};
        LongPredicate everyThird = n -> n % 3 == 0;
        for (long[] range : ranges) {
            long expected = 0;
            for (long n = range[0]; n < range[1]; n++) {
                if (everyThird.test(n)) {
                    expected++;
                }
            }
            assertThat(counter.count(range[0], range[1], everyThird))
                    .as("count(%d, %d, n -> n %% 3 == 0)", range[0], range[1]).isEqualTo(expected);
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("Every number of the range is tested exactly once")
    void everyNumberOnce() {
        long from = -1_000;
        int size = 100_003;
        AtomicIntegerArray calls = new AtomicIntegerArray(size);
        AtomicLong outside = new AtomicLong();
        counter.count(from, from + size, n -> {
            if (n < from || n >= from + size) {
                outside.incrementAndGet();
            } else {
                calls.incrementAndGet((int) (n - from));
            }
            return false;
        });
        assertThat(outside.get()).as("calls of the test with numbers outside [%d, %d)", from, from + size).isZero();
        for (int i = 0; i < size; i++) {
            assertThat(calls.get(i)).as("calls of the test with %d", from + i).isEqualTo(1);
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("Counting 2,000,000 matches at once loses none of them")
    void losesNoMatch() {
        for (int round = 0; round < 20; round++) {
            assertThat(counter.count(0, 2_000_000, n -> true))
                    .as("round %d: count(0, 2000000, n -> true); lower means matches were lost", round)
                    .isEqualTo(2_000_000);
        }
    }

    @Test
    @Tag("task:1")
    @DisplayName("At least two threads test numbers at the same time")
    void twoThreadsAtOnce() {
        Set<Thread> testers = ConcurrentHashMap.newKeySet();
        AtomicLong waited = new AtomicLong(-1);
        counter.count(0, 1_000_000, n -> {
            if (testers.add(Thread.currentThread()) && testers.size() == 1) {
                long start = System.nanoTime();
                while (testers.size() < 2 && System.nanoTime() - start < 2_000_000_000L) {
                    LockSupport.parkNanos(1_000_000);
                }
                waited.set((System.nanoTime() - start) / 1_000_000);
            }
            return false;
        });
        assertThat(testers.size())
                .as("threads that tested numbers; the first one waited %d ms inside the test for a second one", waited.get())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    @Tag("task:4")
    @DisplayName("The threads that tested numbers are gone soon after count returns")
    void threadsAreGone() {
        Map<Thread, Boolean> testers = new ConcurrentHashMap<>();
        counter.count(0, 200_000, n -> {
            testers.put(Thread.currentThread(), true);
            return false;
        });
        testers.remove(Thread.currentThread());
        testers.keySet().removeIf(t -> t.getName().startsWith("ForkJoinPool.commonPool"));
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (testers.keySet().stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000);
        }
        assertThat(testers.keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList())
                .as("threads that tested numbers and were still alive 3 s after count returned (shut down what you start)")
                .isEmpty();
    }
}
