package race;

/** The chai shop's stock of cups, shared by every barista and cashier thread; not yet safe to share. */
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
