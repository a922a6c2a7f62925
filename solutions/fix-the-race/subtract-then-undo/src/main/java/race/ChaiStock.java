package race;

import java.util.concurrent.atomic.AtomicLong;

/** The chai shop's stock of cups where sell subtracts first and gives the cups back if the stock went below zero. */
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
        if (this.cups.addAndGet(-cups) >= 0) {
            return true;
        }
        this.cups.addAndGet(cups);
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
