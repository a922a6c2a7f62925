package parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongPredicate;

/** Counts the numbers of a range that pass a test, in chunks of a fixed size on a thread pool; the chunk loop
 * overflows near Long.MAX_VALUE (lo + chunk wraps to a negative number, so lo < to stays true). */
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
            throw new IllegalArgumentException("from " + fromInclusive + " > to " + toExclusive);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        long chunk = Math.max(1, (toExclusive - fromInclusive) / (16L * threads));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Long>> parts = new ArrayList<>();
            for (long lo = fromInclusive; lo < toExclusive; lo += chunk) {
                long hi = Math.min(lo + chunk, toExclusive);
                long from = lo;
                parts.add(pool.submit(() -> countSequentially(from, hi, test)));
            }
            return sum(parts);
        }
    }

    /** How many primes there are in {@code [fromInclusive, toExclusive)}. */
    public long countPrimes(long fromInclusive, long toExclusive) {
        return count(fromInclusive, toExclusive, PrimeCounter::isPrime);
    }

    private static long countSequentially(long lo, long hi, LongPredicate test) {
        long found = 0;
        for (long n = lo; n < hi; n++) {
            if (test.test(n)) {
                found++;
            }
        }
        return found;
    }

    private static long sum(List<Future<Long>> parts) {
        long found = 0;
        try {
            for (Future<Long> part : parts) {
                found += part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
        return found;
    }
}
