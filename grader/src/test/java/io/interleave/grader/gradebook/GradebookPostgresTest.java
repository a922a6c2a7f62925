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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.interleave.grader.cli.GraderMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.StandardCopyOption;
import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    @DisplayName("grader class grade, export and feedback end to end with the gradebook on the PostgreSQL server")
    void classGradeOnPostgres(@TempDir Path dir) throws Exception {
        Path solutions = Path.of("..", "solutions", "fix-the-race").toAbsolutePath().normalize();
        for (String[] student : new String[][] {{"ada", "synchronized-methods"}, {"bo", "volatile-only"}}) {
            Path source = solutions.resolve(student[1]).resolve("src");
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    Path target = dir.resolve(student[0]).resolve("fix-the-race").resolve("src").resolve(source.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path roster = dir.resolve("roster.csv");
        Files.writeString(roster, "student_id,name,email,section,repository\ns1,Ada,ada@example.org,A,ada\n"
                + "s2,Bo,bo@example.org,B,bo\ns3,Cy,cy@example.org,B,cy\n");
        String book = target(dir);
        StringWriter out = new StringWriter();
        String[] grade = {"class", "grade", roster.toString(), "--gradebook", book, "--sandbox", "none"};

        int code = cli(out).execute(grade);

        assertThat(code).as(out.toString()).isEqualTo(3); // one repository unavailable
        assertThat(out.toString()).contains("grader: s1 (Ada): fix-the-race 20/20 pass")
                .containsPattern("grader: s2 \\(Bo\\): fix-the-race \\d+/20 fail")
                .contains("class: 3 students: 2 graded, 0 skipped as unchanged, 1 unavailable");
        StringWriter again = new StringWriter();
        assertThat(cli(again).execute(grade)).isEqualTo(3);
        assertThat(again.toString()).contains("class: 3 students: 0 graded, 2 skipped as unchanged, 1 unavailable");
        try (Gradebook gradebook = Gradebook.open(book)) {
            assertThat(gradebook.all()).hasSize(3);
            assertThat(gradebook.current()).filteredOn(r -> r.key().studentId().equals("s1")).singleElement()
                    .satisfies(r -> assertThat(r.checks()).hasSizeGreaterThan(5));
        }
        Path csv = dir.resolve("grades.csv");
        assertThat(cli(new StringWriter()).execute("class", "export", "--format", "csv", "--output", csv.toString(), book)).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(4).element(1).asString().startsWith("s1,Ada,ada@example.org,A,20,20,20,no");
        Path feedback = dir.resolve("feedback");
        assertThat(cli(new StringWriter()).execute("class", "feedback", "--output", feedback.toString(), book)).isZero();
        assertThat(Files.readString(feedback.resolve("s2/report.md"))).contains("fix-the-race");
        assertThat(feedback.resolve("s3/unavailable.txt")).exists();
    }

    private static picocli.CommandLine cli(StringWriter out) {
        picocli.CommandLine cli = GraderMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli;
    }
}
