package parallel;

import java.util.function.LongPredicate;

/** Counts the numbers of a range that pass a test, such as the primes among them; so far on one thread only. */
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
        long found = 0;
        for (long n = fromInclusive; n < toExclusive; n++) {
            if (test.test(n)) {
                found++;
            }
        }
        return found;
    }

    /** How many primes there are in {@code [fromInclusive, toExclusive)}. */
    public long countPrimes(long fromInclusive, long toExclusive) {
        return count(fromInclusive, toExclusive, PrimeCounter::isPrime);
    }
}
