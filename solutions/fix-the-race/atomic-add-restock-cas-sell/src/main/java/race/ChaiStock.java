package race;

import java.util.concurrent.atomic.AtomicLong;

/** The chai shop's stock of cups: restock adds in one atomic step, sell takes cups with a compare-and-set loop. */
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
        this.cups.getAndAdd(cups);
    }

    public boolean sell(long cups) {
        requirePositive(cups);
        long current = this.cups.get();
        while (current >= cups) {
            long witness = this.cups.compareAndExchange(current, current - cups);
            if (witness == current) {
                return true;
            }
            current = witness;
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
