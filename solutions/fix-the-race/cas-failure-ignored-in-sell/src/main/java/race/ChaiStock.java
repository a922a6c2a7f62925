package race;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The chai shop's stock of cups: restock adds atomically, sell tries one compare-and-set and reports a sale whether
 * or not it worked.
 */
public class ChaiStock {

    private final AtomicLong cups;

    public ChaiStock(long initialCups) {
        if (initialCups < 0) {
            throw new IllegalArgumentException("initialCups must not be negative, was " + initialCups);
        }
        this.cups = new AtomicLong(initialCups);
    }

    public void restock(long cups) {
        requirePositive(cups);
        this.cups.addAndGet(cups);
    }

    public boolean sell(long cups) {
        requirePositive(cups);
        long current = this.cups.get();
        if (current < cups) {
            return false;
        }
        this.cups.compareAndSet(current, current - cups);
        return true;
    }

    public long cups() {
        return cups.get();
    }

    private static void requirePositive(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups must be positive, was " + cups);
        }
    }
}
