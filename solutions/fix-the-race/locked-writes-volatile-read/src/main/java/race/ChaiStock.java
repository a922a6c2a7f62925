package race;

/**
 * The chai shop's stock of cups: changes happen under one private lock, and reads see the latest change through a
 * volatile field.
 */
public class ChaiStock {

    private final Object lock = new Object();
    private volatile long cups;

    public ChaiStock(long initialCups) {
        if (initialCups < 0) {
            throw new IllegalArgumentException("initialCups must not be negative, was " + initialCups);
        }
        this.cups = initialCups;
    }

    public void restock(long cups) {
        requirePositive(cups);
        synchronized (lock) {
            this.cups += cups;
        }
    }

    public boolean sell(long cups) {
        requirePositive(cups);
        synchronized (lock) {
            if (this.cups >= cups) {
                this.cups -= cups;
                return true;
            }
            return false;
        }
    }

    public long cups() {
        return cups;
    }

    private static void requirePositive(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups must be positive, was " + cups);
        }
    }
}
