package io.interleave.grader.gradebook;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The same contract on a real PostgreSQL server: a throwaway cluster made with the machine's {@code initdb} (Debian's
 * postgresql package) in a temporary folder, started with {@code pg_ctl} as a non-root user on a free port, stopped
 * and deleted after the tests. Skipped, saying why, where PostgreSQL is not installed.
 */
@DisplayName("The gradebook on a real PostgreSQL server")
class GradebookPostgresTest extends GradebookContract {
    private static Path cluster;
    private static Path bin;
    private static int port;
    private static final Map<Path, String> DATABASES = new HashMap<>();

    @BeforeAll
    static void startCluster() throws Exception {
        Optional<Path> found = postgresBin();
        Assumptions.assumeTrue(found.isPresent(), "skipped: needs PostgreSQL's initdb and pg_ctl (apt-get install postgresql)");
        bin = found.get();
        cluster = Files.createTempDirectory("interleave-pg-");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Files.setPosixFilePermissions(cluster, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            run(List.of("chown", "postgres", cluster.toString()), false);
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = cluster.resolve("data");
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "grader", "--no-sync"), root);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l", cluster.resolve("log").toString(),
                "-o", "-p " + port + " -k " + cluster + " -c listen_addresses=localhost -c fsync=off", "start"), root);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster == null) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.resolve("data").toString(), "-m", "immediate", "stop"), root);
        try (Stream<Path> walk = Files.walk(cluster)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    String target(Path dir) throws Exception {
        String name = DATABASES.get(dir);
        if (name == null) {
            name = "class_" + (DATABASES.size() + 1);
            try (Connection admin = DriverManager.getConnection(url("postgres")); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            DATABASES.put(dir, name);
        }
        return url(name);
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=grader";
    }

    private static Optional<Path> postgresBin() throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).max(Comparator.naturalOrder());
        }
    }

    /** Runs {@code command}, as the postgres user when {@code asPostgres} (PostgreSQL refuses to run as root). */
    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + out);
        }
    }
}
