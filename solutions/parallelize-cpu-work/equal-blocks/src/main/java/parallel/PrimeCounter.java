package parallel;

import java.util.function.LongPredicate;

/** Counts the numbers of a range that pass a test, one thread per processor, each with one equal block of the range. */
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
        int workers = Runtime.getRuntime().availableProcessors();
        long size = toExclusive - fromInclusive;
        long[] found = new long[workers];
        Thread[] threads = new Thread[workers];
        for (int i = 0; i < workers; i++) {
            int me = i;
            long lo = fromInclusive + size / workers * i + Math.min(i, size % workers);
            long hi = lo + size / workers + (i < size % workers ? 1 : 0);
            threads[i] = new Thread(() -> {
                long mine = 0;
                for (long n = lo; n < hi; n++) {
                    if (test.test(n)) {
                        mine++;
                    }
                }
                found[me] = mine;
            });
            threads[i].start();
        }
        long total = 0;
        for (int i = 0; i < workers; i++) {
            try {
                threads[i].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while counting", e);
            }
            total += found[i];
        }
        return total;
    }

    /** How many primes there are in {@code [fromInclusive, toExclusive)}. */
    public long countPrimes(long fromInclusive, long toExclusive) {
        return count(fromInclusive, toExclusive, PrimeCounter::isPrime);
    }
}
