package io.interleave.grader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.report.HiddenChecks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("grader report")
class ReportCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = GraderMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static Path saved(Path dir) throws Exception {
        Path file = dir.resolve("saved.json");
        Files.write(file, ReportCommandTest.class.getResourceAsStream("/reports/stub-fix-the-race.json").readAllBytes());
        return file;
    }

    @Test
    @DisplayName("writes a saved JSON report in each of the seven formats without grading again")
    void everyFormat(@TempDir Path dir) throws Exception {
        Path saved = saved(dir);
        for (String format : new String[] {"text", "json", "gradescope", "classroom", "exercism", "junit", "markdown"}) {
            Path target = dir.resolve("out." + format);
            assertThat(run("report", "--format", format, "--output", target.toString(), saved.toString())).as(format + ": " + err).isZero();
            assertThat(Files.readString(target)).as(format).containsPattern("(?i)no.lost.restocks");
        }
        assertThat(Files.readString(dir.resolve("out.junit"))).startsWith("<?xml");
    }

    @Test
    @DisplayName("names all seven formats when the format is wrong, and explains a file that is not a saved report")
    void usageErrors(@TempDir Path dir) throws Exception {
        assertThat(run("report", "--format", "html", saved(dir).toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'html' is not a report format; choose one of text, json, gradescope, classroom, exercism, junit, markdown")
                .contains("Try 'grader --help' for more information.");
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "<html>");
        assertThat(run("report", junk.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is not a JSON report of the grader").contains("grade --format json --output FILE");
    }

    @Test
    @DisplayName("appends result=<base64 classroom JSON> to $GITHUB_OUTPUT with --github-output")
    void githubOutput(@TempDir Path dir) throws Exception {
        Path outputs = dir.resolve("github_output");
        Files.writeString(outputs, "earlier=1\n");
        ReportOptions options = new ReportOptions();
        options.format = io.interleave.grader.report.ReportFormat.CLASSROOM;
        options.githubOutput = true;
        CommandLine cli = GraderMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(options.write(ReportCommand.read(saved(dir)), cli.getCommandSpec(),
                java.util.Map.of("GITHUB_OUTPUT", outputs.toString()))).isTrue();
        String[] lines = Files.readString(outputs).split("\n");
        assertThat(lines[0]).isEqualTo("earlier=1");
        assertThat(lines[1]).startsWith("result=");
        JsonNode decoded = new ObjectMapper().readTree(new String(Base64.getDecoder().decode(lines[1].substring(7)), StandardCharsets.UTF_8));
        assertThat(decoded.get("max_score").asInt()).isEqualTo(20);
        assertThat(decoded).isEqualTo(new ObjectMapper().readTree(out.toString()));
    }

    @Test
    @DisplayName("reads each bundled exercise's hidden_checks from its manifest")
    void manifestVisibility() {
        assertThat(ExerciseCatalog.bundled().all()).allSatisfy(e ->
                assertThat(e.manifest().hiddenChecks()).isIn((Object[]) HiddenChecks.values()));
        assertThat(HiddenChecks.fromId("pass-fail")).isEqualTo(HiddenChecks.PASS_FAIL);
    }
}
