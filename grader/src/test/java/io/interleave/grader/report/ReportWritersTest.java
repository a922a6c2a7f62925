package io.interleave.grader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interleave.grader.exercise.CheckKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The report writers")
class ReportWritersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    /** A real report: the fix-the-race stub graded by the grader (3/20, eight checks failed). */
    static GradeReport stub() throws Exception {
        return JsonReportWriter.read(new String(ReportWritersTest.class.getResourceAsStream("/reports/stub-fix-the-race.json")
                .readAllBytes(), StandardCharsets.UTF_8));
    }

    static CheckReport check(String name, CheckKind kind, CheckStatus status, int points, String message, Finding... findings) {
        boolean pass = status == CheckStatus.PASS || status == CheckStatus.INCONCLUSIVE;
        return new CheckReport(name, null, kind, kind == CheckKind.TEST || kind == CheckKind.STRESS, 1, status,
                pass ? points : 0, points, message, 120, List.of(findings));
    }

    static ExerciseReport exercise(String slug, HiddenChecks hidden, ExerciseStatus status, CheckReport... checks) {
        return new ExerciseReport(slug, null, List.of(checks).stream().mapToInt(CheckReport::score).sum(),
                List.of(checks).stream().mapToInt(CheckReport::maxScore).sum(), status, status.id(), "bwrap", hidden, List.of(checks));
    }

    /** One exercise that does not compile, one with a failing hidden check whose message is hostile markup. */
    static GradeReport mixed(HiddenChecks hidden, String deadline) {
        ExerciseReport broken = exercise("fix-the-race", HiddenChecks.SHOWN, ExerciseStatus.ERROR,
                check("compiles", CheckKind.COMPILE, CheckStatus.ERROR, 0, "compile errors: src/main/java/race/ChaiStock.java:7: ';' expected",
                        new Finding("src/main/java/race/ChaiStock.java", 7, "';' expected")),
                check("no-oversell", CheckKind.TEST, CheckStatus.SKIPPED, 3, "not run: the code does not compile"));
        ExerciseReport failing = exercise("bank-transfer", hidden, ExerciseStatus.FAIL,
                check("platform-rules", CheckKind.STRUCTURE, CheckStatus.PASS, 1, "keeps to the platform rules"),
                check("no-deadlock", CheckKind.TEST, CheckStatus.FAIL, 4, "deadlock <script>alert(1)</script> & @octocat | \u0007 bell"),
                check("fast-enough", CheckKind.TEST, CheckStatus.INCONCLUSIVE, 2, "reference too slow"),
                check("balances-add-up", CheckKind.STRESS, CheckStatus.PASS, 3, "secret oracle passed"));
        return GradeReport.of(new Submission("https://example.org/s.git", "main", "0123456789abcdef0123456789abcdef01234567",
                "2025-02-28T10:00:00Z", deadline), List.of(broken, failing));
    }

    private static List<ReportTestSuite> parseJunit(String xml, Path dir) throws Exception {
        Path file = dir.resolve("TEST-interleave.xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
        List<ReportTestSuite> suites = parser.parse(file.toString());
        assertThat(parser.isValid()).as("Surefire's parser found the file valid:%n%s", xml).isTrue();
        return suites;
    }

    @Test
    @DisplayName("writes JUnit XML that Maven Surefire's own report parser reads back with every count, name and failure")
    void junitReadBySurefire(@TempDir Path dir) throws Exception {
        GradeReport report = stub();
        List<ReportTestSuite> suites = parseJunit(new JunitReportWriter().write(report), dir);
        assertThat(suites).hasSize(1);
        ReportTestSuite suite = suites.get(0);
        assertThat(suite.getNumberOfTests()).isEqualTo(12);
        assertThat(suite.getNumberOfFailures()).isEqualTo(8);
        assertThat(suite.getNumberOfErrors()).isZero();
        assertThat(suite.getTestCases()).extracting(ReportTestCase::getName).contains("No lost restocks", "Compiles");
        ReportTestCase lost = suite.getTestCases().stream().filter(c -> c.getName().equals("No lost restocks")).findFirst().orElseThrow();
        assertThat(lost.hasFailure()).isTrue();
        assertThat(lost.getFailureMessage()).startsWith("lost ").contains("restocks");
        assertThat(lost.getFullClassName()).isEqualTo("fix-the-race");
        assertThat(suite.getTestCases().stream().filter(ReportTestCase::isSuccessful).count()).isEqualTo(4);
    }

    @Test
    @DisplayName("writes one JUnit suite per exercise, with errors, skips and hostile characters that Surefire still parses")
    void junitSeveralSuites(@TempDir Path dir) throws Exception {
        List<ReportTestSuite> suites = parseJunit(new JunitReportWriter().write(mixed(HiddenChecks.SHOWN, null)), dir);
        assertThat(suites).extracting(ReportTestSuite::getFullClassName).containsExactly("fix-the-race", "bank-transfer");
        ReportTestSuite broken = suites.get(0);
        assertThat(broken.getNumberOfErrors()).isEqualTo(1);
        assertThat(broken.getNumberOfSkipped()).isEqualTo(1);
        ReportTestCase compiles = broken.getTestCases().get(0);
        assertThat(compiles.hasError()).isTrue();
        assertThat(compiles.getFailureDetail()).contains("src/main/java/race/ChaiStock.java:7");
        ReportTestCase deadlock = suites.get(1).getTestCases().stream().filter(c -> c.getName().equals("No deadlock")).findFirst().orElseThrow();
        assertThat(deadlock.getFailureMessage()).contains("<script>alert(1)</script> & @octocat");
        assertThat(suites.get(1).getTestCases().stream().filter(c -> c.getName().equals("Fast enough")).findFirst().orElseThrow()
                .isSuccessful()).as("an inconclusive check keeps its points, so it passes").isTrue();
    }

    @Test
    @DisplayName("writes Gradescope results.json: the total, and per check name, score, max_score, status, output, visibility, tags")
    void gradescope() throws Exception {
        GradeReport report = stub();
        JsonNode json = JSON.readTree(new GradescopeReportWriter().write(report));
        assertThat(json.get("score").asInt()).isEqualTo(3);
        JsonNode tests = json.get("tests");
        assertThat(tests).hasSize(12);
        int sum = 0;
        for (JsonNode test : tests) {
            for (String field : new String[] {"name", "score", "max_score", "status", "output", "visibility", "tags"}) {
                assertThat(test.has(field)).as("%s in %s", field, test).isTrue();
            }
            assertThat(test.get("status").asText()).isIn("passed", "failed");
            sum += test.get("score").asInt();
        }
        assertThat(sum).isEqualTo(3);
        assertThat(tests.get(2).get("name").asText()).isEqualTo("No lost restocks");
        assertThat(tests.get(2).get("status").asText()).isEqualTo("failed");
        assertThat(tests.get(2).get("tags")).extracting(JsonNode::asText).contains("fix-the-race", "task-1", "test");
    }

    @Test
    @DisplayName("writes the GitHub Classroom runner JSON whose test scores add up to the total, and its base64 step output")
    void classroom() throws Exception {
        GradeReport report = stub();
        String text = new ClassroomReportWriter().write(report);
        JsonNode json = JSON.readTree(text);
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("status").asText()).isEqualTo("fail");
        assertThat(json.get("max_score").asInt()).isEqualTo(20);
        int sum = 0;
        for (JsonNode test : json.get("tests")) {
            assertThat(test.get("status").asText()).isIn("pass", "fail", "error");
            sum += test.get("score").asInt();
        }
        assertThat(sum).as("the reporter adds tests[].score").isEqualTo(3);
        String output = ClassroomReportWriter.stepOutput(text);
        assertThat(output).startsWith("result=").endsWith("\n").doesNotContain("\n{");
        JsonNode decoded = JSON.readTree(Base64.getDecoder().decode(output.substring("result=".length()).strip()));
        assertThat(decoded).isEqualTo(json);
        assertThat(JSON.readTree(new ClassroomReportWriter().write(mixed(HiddenChecks.SHOWN, null))).get("status").asText()).isEqualTo("error");
    }

    @Test
    @DisplayName("writes Exercism results.json v3: task ids, messages only on failure, and status error with a message when nothing ran")
    void exercism() throws Exception {
        JsonNode json = JSON.readTree(new ExercismReportWriter().write(stub()));
        assertThat(json.get("version").asInt()).isEqualTo(3);
        assertThat(json.get("status").asText()).isEqualTo("fail");
        assertThat(json.has("message")).isFalse();
        JsonNode first = json.get("tests").get(0);
        assertThat(first.get("status").asText()).isEqualTo("pass");
        assertThat(first.get("message").isNull()).isTrue();
        assertThat(first.has("task_id")).as("task 0 is no task").isFalse();
        JsonNode lost = json.get("tests").get(2);
        assertThat(lost.get("task_id").asInt()).isEqualTo(1);
        assertThat(lost.get("message").asText()).startsWith("lost ");
        assertThat(lost.get("test_code").asText()).doesNotContain("ChaiStockHiddenTest");

        ExerciseReport broken = mixed(HiddenChecks.SHOWN, null).exercises().get(0);
        JsonNode error = JSON.readTree(new ExercismReportWriter().write(GradeReport.of(List.of(broken))));
        assertThat(error.get("status").asText()).isEqualTo("error");
        assertThat(error.get("message").asText()).contains("ChaiStock.java:7: ';' expected");
        assertThat(error.has("tests")).isFalse();
    }

    @Test
    @DisplayName("writes Markdown with a summary line, a table per exercise, the failing checks and a collapsed details section")
    void markdown() {
        String md = new MarkdownReportWriter().write(mixed(HiddenChecks.SHOWN, null));
        assertThat(md.lines().findFirst().orElseThrow()).isEqualTo("### Interleave: 6/13, ❗ could not grade everything");
        assertThat(md).contains("Graded commit `0123456789abcdef0123456789abcdef01234567` of `main`")
                .contains("| | Check | Task | Points |").contains("| ❌ | No deadlock | 1 | 0/4 |")
                .contains("**Failing checks**").contains("<details><summary>Details of bank-transfer</summary>")
                .contains("`fix-the-race/src/main/java/race/ChaiStock.java:7`");
        assertThat(md).as("student text cannot inject HTML or mention people")
                .doesNotContain("<script>").contains("&lt;script&gt;").doesNotContain("@octocat").contains("\\|");
    }

    @Test
    @DisplayName("shows hidden checks as pass/fail only, without names or messages, in every format")
    void passFailOnly() {
        GradeReport report = mixed(HiddenChecks.PASS_FAIL, null);
        for (ReportFormat format : ReportFormat.values()) {
            String text = format.render(report, false, false, NOW);
            assertThat(text).as(format + " hides the hidden checks' names and messages")
                    .doesNotContainIgnoringCase("deadlock").doesNotContainIgnoringCase("no-deadlock")
                    .doesNotContainIgnoringCase("secret oracle").doesNotContainIgnoringCase("fast")
                    .containsIgnoringCase("hidden");
            assertThat(text).as(format + " still shows visible checks").containsIgnoringCase("platform");
        }
        String md = ReportFormat.MARKDOWN.render(report, false, false, NOW);
        assertThat(md).contains("| ❌ | Hidden check 1 |  | 0/4 |").contains("| ✅ | Hidden check 3 |  | 3/3 |");
        assertThat(ReportFormat.MARKDOWN.render(report, false, true, NOW)).as("instructors may reveal them").contains("No deadlock");
    }

    @Test
    @DisplayName("holds hidden checks back, points too, until the deadline, except in Gradescope, which holds them itself")
    void afterDeadline() throws Exception {
        GradeReport before = mixed(HiddenChecks.AFTER_DEADLINE, "2025-03-02T00:00:00Z");
        for (ReportFormat format : ReportFormat.values()) {
            if (format == ReportFormat.GRADESCOPE) {
                continue;
            }
            String text = format.render(before, false, false, NOW);
            assertThat(text).as(format + " before the deadline").doesNotContainIgnoringCase("deadlock")
                    .doesNotContainIgnoringCase("secret oracle").doesNotContainIgnoringCase("fast enough");
        }
        GradeReport shown = StudentView.of(before, NOW, false);
        ExerciseReport bank = shown.exercises().get(1);
        assertThat(bank.checks()).extracting(CheckReport::name).containsExactly("platform-rules");
        assertThat(bank.score()).isEqualTo(1);
        assertThat(bank.maxScore()).isEqualTo(1);
        assertThat(bank.message()).contains("3 hidden checks (9 points) are shown after the deadline");

        JsonNode gradescope = JSON.readTree(ReportFormat.GRADESCOPE.render(before, false, false, NOW));
        List<String> visibilities = new ArrayList<>();
        gradescope.get("tests").forEach(t -> visibilities.add(t.get("name").asText() + "=" + t.get("visibility").asText()));
        assertThat(visibilities).contains("bank-transfer: No deadlock=after_due_date", "bank-transfer: Platform rules=visible");

        String after = ReportFormat.MARKDOWN.render(mixed(HiddenChecks.AFTER_DEADLINE, "2025-02-28T00:00:00Z"), false, false, NOW);
        assertThat(after).as("after the deadline everything shows").contains("No deadlock").contains("Fast enough");
        assertThat(ReportFormat.TEXT.render(mixed(HiddenChecks.AFTER_DEADLINE, null), false, false, NOW))
                .as("no deadline known: held back").doesNotContain("no-deadlock");
    }

    @Test
    @DisplayName("reads back every field it writes as JSON, and reads a report written before the optional fields existed")
    void jsonRoundTrip() throws Exception {
        GradeReport report = mixed(HiddenChecks.PASS_FAIL, "2025-03-02T00:00:00Z");
        assertThat(JsonReportWriter.read(new JsonReportWriter().write(report))).isEqualTo(report);
        String old = """
                {"version":1,"score":1,"max_score":2,"exercises":[{"slug":"fix-the-race","score":1,"max_score":2,
                "status":"fail","message":"1 check lost marks","sandbox":"bwrap","checks":[
                {"name":"no-oversell","task":2,"status":"fail","score":0,"max_score":1,"message":"oversold","duration_ms":5},
                {"name":"platform-rules","task":0,"status":"pass","score":1,"max_score":1,"message":"ok","duration_ms":5}]}]}""";
        GradeReport read = JsonReportWriter.read(old);
        assertThat(read.exercises().get(0).hiddenChecks()).isEqualTo(HiddenChecks.SHOWN);
        assertThat(read.exercises().get(0).checks().get(0).title()).isEqualTo("No oversell");
        assertThat(new MarkdownReportWriter().write(read)).contains("| ❌ | No oversell | 2 | 0/1 |");
    }
}
