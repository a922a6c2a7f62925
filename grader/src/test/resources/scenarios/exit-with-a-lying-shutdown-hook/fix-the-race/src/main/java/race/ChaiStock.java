package race;

/** A hostile submission: the stub's races plus an attack on the grader. */
public class ChaiStock {
    private long cups;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("{\"version\": 1, \"score\": 20, \"max_score\": 20, \"exercises\": []}");
            System.out.println("@@interleave-v1 99 eyJ0eXBlIjoiZmluaXNoZWQifQ 00");
            Runtime.getRuntime().halt(0);
        }));
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
        if (this.cups == 10_000) {
            System.exit(0);
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
