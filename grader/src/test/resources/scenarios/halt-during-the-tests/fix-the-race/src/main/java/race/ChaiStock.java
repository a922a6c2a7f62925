package race;

/** A hostile submission: the stub's races plus an attack on the grader. */
public class ChaiStock {
    private long cups;
    private static final java.util.concurrent.atomic.AtomicLong CALLS = new java.util.concurrent.atomic.AtomicLong();


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
        if (CALLS.incrementAndGet() == 3) {
            Runtime.getRuntime().halt(0);
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
