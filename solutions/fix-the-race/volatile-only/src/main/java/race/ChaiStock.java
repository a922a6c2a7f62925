package race;

/**
 * The chai shop's stock of cups in a volatile field: every read sees the latest write, yet each change is still
 * read, compute, write.
 */
public class ChaiStock {

    private volatile long cups;

    public ChaiStock(long initialCups) {
        if (initialCups < 0) {
            throw new IllegalArgumentException("initialCups must not be negative, was " + initialCups);
        }
        this.cups = initialCups;
    }

    public void restock(long cups) {
        requirePositive(cups);
        this.cups += cups;
    }

    public boolean sell(long cups) {
        requirePositive(cups);
        if (this.cups >= cups) {
            this.cups -= cups;
            return true;
        }
        return false;
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
