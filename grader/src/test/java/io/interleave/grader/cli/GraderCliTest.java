package io.interleave.grader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The grader command line")
class GraderCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = GraderMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    @DisplayName("lists the bundled exercises with their points")
    void list() {
        assertThat(run("list")).isZero();
        assertThat(out.toString()).contains("EXERCISE").contains("fix-the-race");
    }

    @Test
    @DisplayName("ends wrong usage with exit code 2 and a pointer to --help")
    void usage() {
        assertThat(run("grade", "--sandbox", "bogus", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'bogus' is not a sandbox; choose one of auto, docker, bwrap, unshare, none")
                .contains("Try 'grader --help' for more information.");
    }

    @Test
    @DisplayName("answers --help on every command with that command's own options")
    void helpOnEveryCommand() {
        assertThat(run("verify", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: grader verify").contains("--repeat");
        assertThat(run("grade", "-h")).isZero();
        assertThat(out.toString()).contains("Usage: grader grade").contains("--sandbox");
    }

    @Test
    @DisplayName("names the known exercises when asked for an unknown one")
    void unknownExercise(@TempDir Path dir) {
        assertThat(run("grade", "--exercise", "fix-the-rice", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown exercise 'fix-the-rice'").contains("fix-the-race");
    }

    @Test
    @DisplayName("says what is wrong with a submission folder that does not exist or holds no exercise")
    void badSubmission(@TempDir Path dir) {
        assertThat(run("grade", dir.resolve("missing").toString())).isEqualTo(ExitCodes.UNUSABLE_SUBMISSION);
        assertThat(err.toString()).contains("is not a folder");
        assertThat(run("grade", dir.toString())).isEqualTo(ExitCodes.UNUSABLE_SUBMISSION);
        assertThat(err.toString()).contains("no exercise folder in").contains("fix-the-race");
    }

    @Test
    @DisplayName("writes the versioned JSON report with every contract field, and exits 1 when marks are lost")
    void jsonContract(@TempDir Path dir) throws Exception {
        Path stub = Path.of("..", "exercises").toAbsolutePath().normalize();
        Path report = dir.resolve("out/report.json");
        assertThat(run("grade", "--format", "json", "--output", report.toString(), stub.toString())).isEqualTo(ExitCodes.MARKS_LOST);
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.has("score") && json.has("max_score")).isTrue();
        JsonNode exercise = json.get("exercises").get(0);
        for (String field : new String[] {"slug", "score", "max_score", "status", "message", "sandbox", "checks"}) {
            assertThat(exercise.has(field)).as(field).isTrue();
        }
        assertThat(exercise.get("status").asText()).isEqualTo("fail");
        assertThat(exercise.get("score").asInt()).isLessThan(exercise.get("max_score").asInt());
        JsonNode check = exercise.get("checks").get(0);
        for (String field : new String[] {"name", "task", "status", "score", "max_score", "message", "duration_ms"}) {
            assertThat(check.has(field)).as(field).isTrue();
        }
        assertThat(Files.list(report.getParent())).as("no temporary file left behind").containsExactly(report);
    }
}
