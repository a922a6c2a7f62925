package race;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A hostile submission: the stub's races plus an attack on the grader. */
public class ChaiStock {
    private long cups;
    static final java.util.List<String> WROTE = new java.util.ArrayList<>();

    static void tryWrite(Path path) {
        try {
            Files.writeString(path, "pwned", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            WROTE.add(path.toString());
        } catch (Exception | Error e) {
            // blocked, as it should be
        }
    }

    static {
        tryWrite(Path.of("/tmp/interleave-scenario-trace"));
        tryWrite(Path.of(System.getProperty("user.home"), "interleave-scenario-trace"));
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            tryWrite(p.resolve("interleave-scenario-trace"));
        }
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            tryWrite(Path.of(entry));
        }
        tryWrite(Path.of(System.getProperty("java.home"), "release"));
        tryWrite(Path.of("/etc/passwd"));
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
