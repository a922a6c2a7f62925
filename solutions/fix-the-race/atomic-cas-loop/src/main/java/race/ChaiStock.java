package race;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The chai shop's stock of cups, changed only by compare-and-set loops that retry when another thread got there
 * first.
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
        long current;
        do {
            current = this.cups.get();
        } while (!this.cups.compareAndSet(current, current + cups));
    }

    public boolean sell(long cups) {
        requirePositive(cups);
        long current;
        do {
            current = this.cups.get();
            if (current < cups) {
                return false;
            }
        } while (!this.cups.compareAndSet(current, current - cups));
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
