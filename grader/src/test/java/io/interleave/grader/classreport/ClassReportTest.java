package io.interleave.grader.classreport;

import io.interleave.grader.export.ClassTable;
import io.interleave.grader.gradebook.Drift;
import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.ResultKey;
import io.interleave.grader.gradebook.ResultStatus;
import io.interleave.grader.gradebook.StudentRecord;
import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.CheckStatus;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.ExerciseStatus;
import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.JsonReportWriter;
import io.interleave.grader.similarity.SimilarPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The class report")
class ClassReportTest {
    private static GradeResult graded(String student, boolean oversells, int lateDays, long millis) {
        List<CheckReport> checks = List.of(new CheckReport("compiles", 0, CheckStatus.PASS, 0, 0, "compiles", 5),
                new CheckReport("no-oversell", 2, oversells ? CheckStatus.FAIL : CheckStatus.PASS, oversells ? 0 : 3, 3, "", 100),
                new CheckReport("no-lost-restocks", 1, CheckStatus.PASS, 17, 17, "", 100));
        int score = oversells ? 17 : 20;
        ExerciseReport exercise = new ExerciseReport("fix-the-race", score, 20, oversells ? ExerciseStatus.FAIL : ExerciseStatus.PASS,
                "", "none", checks);
        double penalty = lateDays * 10;
        return new GradeResult(new ResultKey(student, "fix-the-race", "c-" + student, "1.0", "fp"),
                oversells ? ResultStatus.FAIL : ResultStatus.PASS, score, 20, lateDays, penalty, score * (100 - penalty) / 100,
                null, null, millis, "now", null, new JsonReportWriter().write(GradeReport.of(List.of(exercise))), List.of());
    }

    static String report() {
        List<StudentRecord> students = List.of(new StudentRecord("s1", "Ada <script>", "ada@example.org", "A"),
                new StudentRecord("s2", "Bo", "bo@example.org", "B"), new StudentRecord("s3", "Cy", "cy@example.org", "B"));
        List<GradeResult> current = List.of(graded("s1", false, 0, 4100), graded("s2", true, 2, 9300),
                new GradeResult(ResultKey.unavailable("s3", "1.0"), ResultStatus.UNAVAILABLE, 0, 0, 0, 0, 0, null, null, 0, "now",
                        "cannot clone cy", null, List.of()));
        ClassTable table = ClassTable.of(students, current, Map.of("fix-the-race", "Fix the race"));
        List<Drift> drifts = List.of(new Drift(new ResultKey("s1", "fix-the-race", "c-s1", "1.0", "fp"), 20, 17,
                "no-oversell pass -> fail", "now"));
        return ClassReport.html("CS 101", table, drifts, List.of(new SimilarPair("fix-the-race", "s1", "s2", 93.5),
                new SimilarPair("fix-the-race", "s1", "s3", 0)));
    }

    @Test
    @DisplayName("is one self-contained page: the chart library inlined, nothing loaded from elsewhere, names escaped")
    void selfContained() {
        String page = report();
        assertThat(page).contains("<script>" + ClassReport.library() + "</script>");
        String html = page.replace(ClassReport.library(), "");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h1>CS 101</h1>")
                .contains("echarts.init(").doesNotContain("src=").doesNotContain("href=").doesNotContain("<link")
                .contains("Ada &lt;script&gt; (s1)").doesNotContain("Ada <script>");
        assertThat(html).contains("<td>Bo (s2)</td><td>fix-the-race</td><td>2</td><td>20 %</td><td>13.6 of 20</td>")
                .contains("<td>s1</td><td>fix-the-race</td><td>c-s1</td><td>20</td><td>17</td><td>no-oversell pass -&gt; fail</td>")
                .contains("<td>Bo (s2)</td><td>fix-the-race</td><td>9.3</td><td>17 of 20</td>")
                .contains("<td>s3</td><td>cannot clone cy</td>")
                .contains("<td>Ada &lt;script&gt; (s1)</td><td>Bo (s2)</td><td>fix-the-race</td><td>93.5 %</td>");
        assertThat(html).contains("\"task 2: No oversell\"").contains("\"data\":[50.0,0.0,0.0]");
    }

    @Test
    @DisplayName("draws every chart with its library: rendered to SVG by ECharts in Node, saved under target/class-report")
    void chartsRender() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")), "skipped: needs Node.js to run the page's chart library");
        Path dir = Path.of("target", "class-report");
        Files.createDirectories(dir);
        Path page = dir.resolve("report.html");
        Files.writeString(page, report());
        Path script = Path.of(getClass().getResource("/classreport/render-charts.js").toURI());
        Process node = new ProcessBuilder("/usr/bin/node", script.toString(), page.toString(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor()).as(out).isZero();
        assertThat(out.lines().toList()).as(out).hasSize(2).allMatch(line -> line.matches("\\S+ bars=[1-9]\\d* svg=\\d+"));
        assertThat(Files.readString(dir.resolve("checks-fix-the-race.svg"))).startsWith("<svg").contains("task 2: No oversell");
    }
}
