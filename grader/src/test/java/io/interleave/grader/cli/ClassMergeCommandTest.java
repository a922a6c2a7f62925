package io.interleave.grader.cli;

import io.interleave.grader.fetch.GitRepos;
import io.interleave.grader.gradebook.Gradebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("grader class grade --shard and class merge")
class ClassMergeCommandTest {
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

    private static void repository(Path repo, String variant) throws Exception {
        GitRepos.init(repo);
        Path source = SOLUTIONS.resolve(variant).resolve("src");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = repo.resolve("fix-the-race").resolve("src").resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        GitRepos.gitWithDate(repo, "2025-03-01T10:00:00Z", "add", "-A");
        GitRepos.gitWithDate(repo, "2025-03-01T10:00:00Z", "commit", "-q", "-m", variant);
    }

    /** Every result of a gradebook as key and score, the run-specific columns left out. */
    private static List<String> rows(Path book) throws Exception {
        try (Gradebook gradebook = Gradebook.open(book.toString())) {
            return gradebook.all().stream().map(r -> r.key() + " " + r.status() + " " + r.score() + "/" + r.maxScore()).sorted().toList();
        }
    }

    @Test
    @DisplayName("grades a class in 2 shards, and their merge equals one run of the whole class; merging again adds nothing")
    void shardsMergeToOneRun(@TempDir Path dir) throws Exception {
        repository(dir.resolve("ada"), "synchronized-methods");
        repository(dir.resolve("bo"), "volatile-only");
        repository(dir.resolve("cy"), "atomic-cas-loop");
        Path roster = dir.resolve("roster.csv");
        // s1 falls in shard 2 of 2, s2 and s3 in shard 1
        Files.writeString(roster, "student_id,name,email,section,repository,due\n"
                + "s1,Ada,ada@example.org,A,ada,\ns2,Bo,bo@example.org,B,bo,\ns3,Cy,cy@example.org,B,cy,\n");

        assertThat(run("class", "grade", roster.toString(), "--gradebook", dir.resolve("whole.db").toString(), "--sandbox", "none"))
                .as(err.toString()).isZero();
        assertThat(run("class", "grade", roster.toString(), "--shard", "1/2", "--gradebook", dir.resolve("shard-1.db").toString(),
                "--sandbox", "none")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("shard 1/2: 2 of 3 students");
        assertThat(run("class", "grade", roster.toString(), "--shard", "2/2", "--gradebook", dir.resolve("shard-2.db").toString(),
                "--sandbox", "none")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("shard 2/2: 1 of 3 students");

        Path merged = dir.resolve("merged.db");
        assertThat(run("class", "merge", merged.toString(), dir.resolve("shard-1.db").toString(), dir.resolve("shard-2.db").toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("shard-1.db: 2 new results", "shard-2.db: 1 new result");
        assertThat(rows(merged)).hasSize(3).containsExactlyElementsOf(rows(dir.resolve("whole.db")));

        assertThat(run("class", "merge", merged.toString(), dir.resolve("shard-1.db").toString(), dir.resolve("shard-2.db").toString()))
                .isZero();
        assertThat(out.toString()).contains("shard-1.db: nothing new", "shard-2.db: nothing new");
        assertThat(rows(merged)).hasSize(3);
    }

    @Test
    @DisplayName("names a missing shard and how to redo it, merges the others, and exits non-zero")
    void missingShard(@TempDir Path dir) throws Exception {
        Path present = dir.resolve("shard-1.db");
        try (Gradebook book = Gradebook.open(present.toString())) {
            book.startRun("now", "test");
        }
        int code = run("class", "merge", dir.resolve("out.db").toString(), present.toString(), dir.resolve("shard-2.db").toString());
        assertThat(code).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("shard-2.db is missing", "--shard I/N");
        assertThat(out.toString()).contains("shard-1.db: nothing new", "1 of 2 shards merged");
    }

    @Test
    @DisplayName("refuses a shard that does not exist with a usage error")
    void badShard(@TempDir Path dir) throws Exception {
        Path roster = dir.resolve("roster.csv");
        Files.writeString(roster, "student_id,name,email,section,repository,due\n");
        for (String bad : List.of("0/3", "4/3", "a/b", "1/0")) {
            assertThat(run("class", "grade", roster.toString(), "--shard", bad, "--gradebook", dir.resolve("x.db").toString()))
                    .as(bad).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).as(bad).contains("I/N").contains("Try 'grader --help'");
        }
    }
}
