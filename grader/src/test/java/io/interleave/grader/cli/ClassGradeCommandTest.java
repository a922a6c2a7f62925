package io.interleave.grader.cli;

import io.interleave.grader.fetch.GitRepos;
import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.Gradebook;
import io.interleave.grader.gradebook.ResultStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("grader class grade")
class ClassGradeCommandTest {
    private static final Path SOLUTIONS = Path.of("..", "solutions", "fix-the-race").toAbsolutePath().normalize();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = GraderMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** A repository with the variant's files as its fix-the-race folder, committed at {@code date}. */
    private static Path repository(Path dir, String variant, String date) throws Exception {
        GitRepos.init(dir);
        commitVariant(dir, variant, date);
        return dir;
    }

    private static void commitVariant(Path repo, String variant, String date) throws Exception {
        Path source = SOLUTIONS.resolve(variant).resolve("src");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = repo.resolve("fix-the-race").resolve("src").resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        GitRepos.gitWithDate(repo, date, "add", "-A");
        GitRepos.gitWithDate(repo, date, "commit", "-q", "-m", variant);
    }

    private static Path roster(Path dir, String... rows) throws IOException {
        Path file = dir.resolve("roster.csv");
        Files.writeString(file, "student_id,name,email,section,repository,due\n" + String.join("\n", rows) + "\n");
        return file;
    }

    private static Map<String, GradeResult> current(Path book) throws Exception {
        try (Gradebook gradebook = Gradebook.open(book.toString())) {
            return gradebook.current().stream().collect(Collectors.toMap(r -> r.key().studentId(), r -> r));
        }
    }

    @Test
    @DisplayName("grades a class at the deadline with a late policy, records a missing repository, and a rerun grades nothing")
    void gradesAClassThenNothing(@TempDir Path dir) throws Exception {
        Path ada = repository(dir.resolve("ada"), "synchronized-methods", "2025-03-01T10:00:00Z");
        commitVariant(ada, "volatile-only", "2025-03-09T10:00:00Z"); // after the deadline and its cutoff: not taken
        repository(dir.resolve("bo"), "volatile-only", "2025-03-01T11:00:00Z");
        repository(dir.resolve("di"), "synchronized-methods", "2025-03-03T10:00:00Z"); // 10 hours late: one day
        Path roster = roster(dir, "s1,Ada,ada@example.org,A,ada,", "s2,Bo,bo@example.org,B,bo,", "s3,Cy,cy@example.org,B,cy,",
                "s4,Di,di@example.org,B,di,");
        Path book = dir.resolve("class.db");
        String[] grade = {"class", "grade", roster.toString(), "--gradebook", book.toString(), "--before", "2025-03-02",
                "--late-penalty", "10", "--late-cutoff", "3", "--sandbox", "none"};

        int code = run(grade);

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.UNUSABLE_SUBMISSION);
        assertThat(out.toString()).contains("grader: s1 (Ada): fix-the-race 20/20 pass, commit")
                .containsPattern("grader: s2 \\(Bo\\): fix-the-race \\d+/20 fail")
                .contains("grader: s3 (Cy): unavailable: cannot clone")
                .contains("grader: s4 (Di): fix-the-race 20/20 pass, 1 days late (-10 %: 18.0)")
                .contains("class: 4 students: 3 graded, 0 skipped as unchanged, 1 unavailable, 0 drifts, 0 faults");
        Map<String, GradeResult> results = current(book);
        assertThat(results.get("s1").score()).isEqualTo(20);
        assertThat(results.get("s1").committedAt()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(results.get("s1").lateDays()).isZero();
        assertThat(results.get("s1").checks()).extracting(c -> c.status()).doesNotContain("fail", "error"); // inconclusive keeps its points
        assertThat(results.get("s1").report()).contains("\"slug\" : \"fix-the-race\"");
        assertThat(results.get("s2").score()).isLessThan(20);
        assertThat(results.get("s3").status()).isEqualTo(ResultStatus.UNAVAILABLE);
        assertThat(results.get("s3").reason()).contains("cannot clone");
        assertThat(results.get("s4").lateDays()).isEqualTo(1);
        assertThat(results.get("s4").finalScore()).isEqualTo(18.0);

        long start = System.nanoTime();
        int again = run(grade);

        assertThat(again).isEqualTo(ExitCodes.UNUSABLE_SUBMISSION);
        assertThat(out.toString()).contains("class: 4 students: 0 graded, 3 skipped as unchanged, 1 unavailable");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("a rerun with nothing changed").isLessThan(10);
        try (Gradebook gradebook = Gradebook.open(book.toString())) {
            assertThat(gradebook.all()).hasSize(4);
        }
        assertThat(run("class", "export", "--format", "csv", "--output", dir.resolve("grades.csv").toString(), book.toString())).isZero();
        assertThat(Files.readAllLines(dir.resolve("grades.csv"))).containsExactly(
                "student_id,name,email,section,fix-the-race,total,max_total,late,note",
                "s1,Ada,ada@example.org,A,20,20,20,no,",
                "s2,Bo,bo@example.org,B," + results.get("s2").score() + "," + results.get("s2").score() + ",20,no,",
                "s3,Cy,cy@example.org,B,,0,20,no,\"unavailable: " + results.get("s3").reason() + "\"",
                "s4,Di,di@example.org,B,18,18,20,yes,");

        Path feedback = dir.resolve("feedback");
        assertThat(run("class", "feedback", "--format", "markdown", "--format", "junit", "--format", "gradescope",
                "--output", feedback.toString(), book.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("grader: wrote " + feedback + ": 3 students with reports (markdown, junit, gradescope), 1 unavailable");
        assertThat(Files.readString(feedback.resolve("s1/report.md"))).contains("fix-the-race").contains("20/20")
                .doesNotContain("Late:");
        assertThat(Files.readString(feedback.resolve("s1/TEST-interleave.xml"))).contains("<testsuite").contains("No lost restocks");
        assertThat(Files.readString(feedback.resolve("s2/TEST-interleave.xml"))).contains("<failure");
        assertThat(Files.readString(feedback.resolve("s1/results.json"))).contains("\"score\"");
        assertThat(Files.readString(feedback.resolve("s4/report.md")))
                .startsWith("> Late: fix-the-race 1 day late, -10 %: 18 of 20 (the scores below are before the penalty).");
        assertThat(Files.readString(feedback.resolve("s3/unavailable.txt"))).contains("could not be graded").contains("cannot clone");
        assertThat(feedback.resolve("s3/report.md")).doesNotExist();

        assertThat(run("class", "feedback", "--student", "s9", "--output", feedback.toString(), book.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no student s9 in");
        assertThat(run("class", "feedback", "--student", "s2", "--format", "text", "--output", dir.resolve("one").toString(),
                book.toString())).isZero();
        try (Stream<Path> files = Files.list(dir.resolve("one"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("s2");
        }
        assertThat(Files.readString(dir.resolve("one/s2/report.txt"))).contains("fix-the-race");
    }

    @Test
    @DisplayName("lists every bad roster line and grades nothing")
    void badRoster(@TempDir Path dir) throws Exception {
        Path roster = roster(dir, ",Ada,ada@example.org,A,ada,", "s2,Bo,bo@example.org,B,bo,someday");

        assertThat(run("class", "grade", roster.toString(), "--gradebook", dir.resolve("class.db").toString(), "--sandbox", "none"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("roster.csv line 2: student_id is empty")
                .contains("roster.csv line 3: due 'someday' is not a deadline")
                .contains("nothing was graded; fix those 2 lines and run again");
        assertThat(dir.resolve("class.db")).doesNotExist();
    }

    @Test
    @DisplayName("resumes after the process is killed mid-run, with nothing lost and nothing graded twice")
    void resumesAfterAKill(@TempDir Path dir) throws Exception {
        repository(dir.resolve("ada"), "synchronized-methods", "2025-03-01T10:00:00Z");
        repository(dir.resolve("bo"), "volatile-only", "2025-03-01T11:00:00Z");
        repository(dir.resolve("cy"), "synchronized-methods", "2025-03-01T12:00:00Z");
        Path roster = roster(dir, "s1,Ada,ada@example.org,A,ada,", "s2,Bo,bo@example.org,B,bo,", "s3,Cy,cy@example.org,B,cy,");
        Path book = dir.resolve("class.db");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), GraderMain.class.getName(),
                "class", "grade", roster.toString(), "--gradebook", book.toString(), "--sandbox", "none"));
        Process grading = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int rows = 0;
        while (rows == 0 && grading.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            rows = Files.exists(book) ? rowCount(book) : 0;
        }
        assertThat(grading.isAlive()).as("the run is still grading after its first result: " + Files.readString(dir.resolve("killed.log"))).isTrue();
        grading.descendants().forEach(ProcessHandle::destroyForcibly);
        grading.destroyForcibly();
        grading.waitFor();
        Map<String, GradeResult> before = current(book);
        assertThat(before).hasSizeLessThan(3);

        int code = run("class", "grade", roster.toString(), "--gradebook", book.toString(), "--sandbox", "none");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains((3 - before.size()) + " graded, " + before.size() + " skipped as unchanged");
        Map<String, GradeResult> after = current(book);
        assertThat(after.keySet()).containsExactlyInAnyOrder("s1", "s2", "s3");
        before.forEach((student, result) -> assertThat(after.get(student).gradedAt()).isEqualTo(result.gradedAt()));
        try (Gradebook gradebook = Gradebook.open(book.toString())) {
            assertThat(gradebook.all()).hasSize(3);
        }
    }

    @Test
    @DisplayName("grades a plain folder, and flags drift when the same files graded again get another score")
    void driftOnRegrade(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("ada").resolve("fix-the-race");
        try (Stream<Path> walk = Files.walk(SOLUTIONS.resolve("synchronized-methods").resolve("src"))) {
            Path source = SOLUTIONS.resolve("synchronized-methods");
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = folder.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Path roster = roster(dir, "s1,Ada,ada@example.org,A,ada,");
        Path book = dir.resolve("class.db");
        assertThat(run("class", "grade", roster.toString(), "--gradebook", book.toString(), "--sandbox", "none")).as(err.toString()).isZero();
        assertThat(current(book).get("s1").key().commit()).startsWith("folder:");
        try (java.sql.Connection sql = java.sql.DriverManager.getConnection("jdbc:sqlite:" + book);
             java.sql.Statement statement = sql.createStatement()) {
            statement.executeUpdate("UPDATE results SET score = 17"); // as if a flaky check had cost 3 points the first time
        }

        assertThat(run("class", "grade", roster.toString(), "--gradebook", book.toString(), "--sandbox", "none", "--regrade")).isZero();

        assertThat(out.toString()).contains("grader: s1 (Ada): fix-the-race flaky check? the same folder")
                .contains("scored 17 before and 20 now").contains("1 drift,");
        try (Gradebook gradebook = Gradebook.open(book.toString())) {
            assertThat(gradebook.drifts()).singleElement().satisfies(d -> {
                assertThat(d.recordedScore()).isEqualTo(17);
                assertThat(d.newScore()).isEqualTo(20);
            });
            assertThat(gradebook.all()).singleElement().extracting(GradeResult::score).isEqualTo(17);
        }
    }

    private static int rowCount(Path book) {
        try (Gradebook gradebook = Gradebook.open(book.toString())) {
            return gradebook.all().size();
        } catch (java.sql.SQLException e) {
            return 0; // the schema is being made
        }
    }
}
