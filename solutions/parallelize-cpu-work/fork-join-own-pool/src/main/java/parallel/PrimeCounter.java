package parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.function.LongPredicate;

/** Counts the numbers of a range that pass a test, with invokeAll on a fork/join pool of its own that it closes. */
public class PrimeCounter {

    /** Whether {@code n} is prime, by trial division; numbers below 2 are not prime. Given: only its answers matter. */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d <= n / d; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** How many numbers n with {@code fromInclusive <= n < toExclusive} pass {@code test}. */
    public long count(long fromInclusive, long toExclusive, LongPredicate test) {
        if (fromInclusive > toExclusive) {
            throw new IllegalArgumentException("the range is reversed: from " + fromInclusive + " is greater than to "
                    + toExclusive);
        }
        try (ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors())) {
            return pool.invoke(new CountTask(fromInclusive, toExclusive, test));
        }
    }

    /** How many primes there are in {@code [fromInclusive, toExclusive)}. */
    public long countPrimes(long fromInclusive, long toExclusive) {
        return count(fromInclusive, toExclusive, PrimeCounter::isPrime);
    }

    /** Counts one piece of the range, splitting it while it is large. */
    private static final class CountTask extends RecursiveTask<Long> {
        private final long lo;
        private final long hi;
        private final LongPredicate test;

        CountTask(long lo, long hi, LongPredicate test) {
            this.lo = lo;
            this.hi = hi;
            this.test = test;
        }

        @Override
        protected Long compute() {
            if (hi - lo <= 512) {
                long found = 0;
                for (long n = lo; n < hi; n++) {
                    if (test.test(n)) {
                        found++;
                    }
                }
                return found;
            }
            long mid = lo + (hi - lo) / 2;
            CountTask left = new CountTask(lo, mid, test);
            CountTask right = new CountTask(mid, hi, test);
            invokeAll(left, right);
            return left.join() + right.join();
        }
    }
}
