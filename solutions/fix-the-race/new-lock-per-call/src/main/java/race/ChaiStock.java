package race;

/**
 * The chai shop's stock of cups, where every call locks a fresh object of its own, so no two calls ever wait for
 * each other.
 */
public class ChaiStock {

    private long cups;

    public ChaiStock(long initialCups) {
        if (initialCups < 0) {
            throw new IllegalArgumentException("initialCups must not be negative, was " + initialCups);
        }
        this.cups = initialCups;
    }

    public void restock(long cups) {
        requirePositive(cups);
        synchronized (new Object()) {
            this.cups += cups;
        }
    }

    public boolean sell(long cups) {
        requirePositive(cups);
        synchronized (new Object()) {
            if (this.cups >= cups) {
                this.cups -= cups;
                return true;
            }
            return false;
        }
    }

    public long cups() {
        synchronized (new Object()) {
            return cups;
        }
    }

    private static void requirePositive(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups must be positive, was " + cups);
        }
    }
}
