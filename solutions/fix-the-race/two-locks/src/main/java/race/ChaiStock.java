package race;

/**
 * The chai shop's stock of cups, with one lock for restocking and another for selling, so a restock and a sale can
 * overlap.
 */
public class ChaiStock {

    private final Object restockLock = new Object();
    private final Object sellLock = new Object();
    private long cups;

    public ChaiStock(long initialCups) {
        if (initialCups < 0) {
            throw new IllegalArgumentException("initialCups must not be negative, was " + initialCups);
        }
        this.cups = initialCups;
    }

    public void restock(long cups) {
        requirePositive(cups);
        synchronized (restockLock) {
            this.cups += cups;
        }
    }

    public boolean sell(long cups) {
        requirePositive(cups);
        synchronized (sellLock) {
            if (this.cups >= cups) {
                this.cups -= cups;
                return true;
            }
            return false;
        }
    }

    public long cups() {
        synchronized (sellLock) {
            return cups;
        }
    }

    private static void requirePositive(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups must be positive, was " + cups);
        }
    }
}
