package io.interleave.grader.cli;

import io.interleave.grader.gradebook.CheckResult;
import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.Gradebook;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code class slurm} on a real one-node Slurm cluster that bench/slurm-cluster.sh starts on this machine (Debian's
 * slurm-wlm and munge): the job array and the merge job run under slurmd, and the merged gradebook must hold what a
 * single-machine {@code class grade} of the same class holds. Opt-in (it installs packages and starts daemons as
 * root): {@code INTERLEAVE_SLURM=1}, as part 2 of .ci/run sets it.
 */
@DisplayName("grader class slurm on a one-node Slurm cluster")
class SlurmClusterTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("bench/slurm-cluster.sh");
    private static final Path SOLUTIONS = ROOT.resolve("solutions/fix-the-race");
    /** Two correct answers and two wrong ones, so both shards hold passes and failures. */
    private static final Map<String, String> CLASS = Map.of("s1", "synchronized-methods", "s2", "volatile-only",
            "s3", "reentrant-lock", "s4", "stub");
    private static boolean started;

    @BeforeAll
    static void cluster() throws Exception {
        assumeTrue("1".equals(System.getenv("INTERLEAVE_SLURM")), "set INTERLEAVE_SLURM=1 (as root on Debian) to run this test:"
                + " it installs slurm-wlm and munge and starts a one-node cluster with bench/slurm-cluster.sh (part 2 of .ci/run does)");
        if (sh("status") != 0) {
            int code = sh("start");
            assertThat(code).as("bench/slurm-cluster.sh start (its messages are above)").isZero();
            started = true;
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (started) {
            sh("stop");
        }
    }

    private static int sh(String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", SCRIPT.toString(), what).inheritIO().start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GraderMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path roster(Path dir) throws Exception {
        StringBuilder rows = new StringBuilder("student_id,name,email,section,repository,due\n");
        for (Map.Entry<String, String> student : new TreeMap<>(CLASS).entrySet()) {
            Path repo = dir.resolve(student.getKey());
            Path source = SOLUTIONS.resolve(student.getValue()).resolve("src");
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    Path target = repo.resolve("fix-the-race/src").resolve(source.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
            git(repo, "init", "-q");
            git(repo, "add", "-A");
            git(repo, "-c", "user.name=Student", "-c", "user.email=student@example.org", "commit", "-q", "-m", student.getValue());
            rows.append(student.getKey()).append(",Student ").append(student.getKey()).append(',').append(student.getKey())
                    .append("@example.org,A,").append(repo).append(",\n");
        }
        return Files.writeString(dir.resolve("roster.csv"), rows.toString(), StandardCharsets.UTF_8);
    }

    private static void git(Path repo, String... args) throws Exception {
        String[] command = Stream.concat(Stream.of("git", "-C", repo.toString()), Stream.of(args)).toArray(String[]::new);
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).as(String.join(" ", command)).isZero();
    }

    /** What must match between two gradings of a student: the verdict, the score and every check that carries points. */
    private static Map<String, String> verdicts(Path book) throws Exception {
        try (Gradebook gradebook = Gradebook.open(book.toString())) {
            return gradebook.current().stream().collect(Collectors.toMap(r -> r.key().studentId() + " " + r.key().exercise(),
                    SlurmClusterTest::verdict, (a, b) -> a + " | " + b, TreeMap::new));
        }
    }

    private static String verdict(GradeResult result) {
        return result.status() + " " + result.score() + "/" + result.maxScore() + " commit " + result.key().commit() + " "
                + result.checks().stream().filter(c -> c.maxScore() > 0)
                .sorted(Comparator.comparing(CheckResult::name)).map(c -> c.name() + "=" + c.status() + ":" + c.score())
                .collect(Collectors.joining(","));
    }

    @Test
    @DisplayName("grades a class as a 2-task job array and a merge job, with the gradebook a single-machine run gives")
    void sameGradebookAsOneMachine(@TempDir Path dir) throws Exception {
        Path roster = roster(dir);
        Path single = dir.resolve("single.db");
        Run one = run("class", "grade", roster.toString(), "--gradebook", single.toString(), "--exercise", "fix-the-race",
                "--sandbox", "unshare");
        assertThat(one.code()).as(one.out() + one.err()).isZero();

        Path clustered = dir.resolve("cluster.db");
        Run slurm = run("class", "slurm", roster.toString(), "--shards", "2", "--gradebook", clustered.toString(),
                "--exercise", "fix-the-race", "--sandbox", "unshare", "--wait");

        assertThat(slurm.code()).as(slurm.out() + slurm.err()).isZero();
        assertThat(slurm.out()).contains("submitted the grading job array").contains("shard 1/2 graded").contains("shard 2/2 graded")
                .contains("merged into " + clustered);
        Map<String, String> expected = verdicts(single);
        assertThat(expected).hasSize(4);
        assertThat(expected.get("s1 fix-the-race")).startsWith("PASS 20/20");
        assertThat(expected.get("s4 fix-the-race")).startsWith("FAIL ");
        assertThat(verdicts(clustered)).as("the merged gradebook against the single-machine one").isEqualTo(expected);
        Path folder = dir.resolve("cluster.db.slurm");
        assertThat(Files.readString(folder.resolve("grade-shards.sbatch"))).contains("#SBATCH --array=1-2")
                .contains("#SBATCH --cpus-per-task=2");
        assertThat(Files.readAllLines(folder.resolve("grades.csv"))).hasSize(5);
        assertThat(folder.resolve("report.html")).isNotEmptyFile();
    }

    @Test
    @DisplayName("names a shard whose task failed, says how to rerun it, and exits non-zero")
    void failedShard(@TempDir Path dir) throws Exception {
        Path roster = roster(dir);
        Path book = dir.resolve("class.db");
        // shard 2's gradebook cannot be created (a folder is in its place), so its task's class grade fails for real
        Files.createDirectories(dir.resolve("class.db.slurm/shard-2.db"));

        Run slurm = run("class", "slurm", roster.toString(), "--shards", "2", "--gradebook", book.toString(),
                "--exercise", "fix-the-race", "--sandbox", "unshare", "--wait");

        assertThat(slurm.code()).as(slurm.out() + slurm.err()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(slurm.out()).contains("shard 1/2 graded");
        assertThat(slurm.err()).contains("shard 2/2 failed").contains("sbatch --array=2 ");
        assertThat(Files.readString(dir.resolve("class.db.slurm/logs/merge.out"))).contains("shard 2/2 FAILED");
    }
}
