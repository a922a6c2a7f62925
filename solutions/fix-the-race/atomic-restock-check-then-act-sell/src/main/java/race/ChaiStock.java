package race;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The chai shop's stock of cups in an AtomicLong: restock adds atomically, sell checks the stock and then subtracts
 * in a second step.
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
        if (this.cups.get() >= cups) {
            this.cups.addAndGet(-cups);
            return true;
        }
        return false;
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
