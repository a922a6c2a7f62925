package race;

/** A hostile submission: a correct stock, except that the stocks one check makes fill the heap until the JVM dies. */
public class ChaiStock {
    private static final java.util.List<long[]> HOARD = new java.util.ArrayList<>();
    private long cups;

    public ChaiStock(long initialCups) {
        if (initialCups < 0) {
            throw new IllegalArgumentException("initialCups < 0");
        }
        this.cups = initialCups;
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            if (frame.getMethodName().equals("sellsOnlyWhatIsInStock")) {
                while (true) {
                    HOARD.add(new long[1 << 20]);
                }
            }
        }
    }

    public synchronized void restock(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups <= 0");
        }
        this.cups += cups;
    }

    public synchronized boolean sell(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups <= 0");
        }
        if (this.cups >= cups) {
            this.cups -= cups;
            return true;
        }
        return false;
    }

    public synchronized long cups() {
        return cups;
    }
}
