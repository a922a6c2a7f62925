package io.interleave.grader.classreport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.interleave.grader.export.Assignment;
import io.interleave.grader.export.ClassTable;
import io.interleave.grader.gradebook.Drift;
import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.StudentRecord;
import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.CheckStatus;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.JsonReportWriter;
import io.interleave.grader.similarity.SimilarPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The class report: per exercise the distribution of scores and each check's failure rate across the class grouped by
 * the task it belongs to (where the class struggled), then late submissions, drift (flaky checks), the slowest
 * gradings and the repositories that could not be graded. One HTML file with the chart library inlined, so it opens
 * anywhere without a network.
 */
public final class ClassReport {
    /** The ECharts build inlined (bar charts, SVG renderer), from its WebJar. */
    static final String LIBRARY = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.common.min.js";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int SLOWEST = 10;

    private ClassReport() {
    }

    /** The report of {@code table}, whose rows are {@code current}, with the gradebook's {@code drifts}. */
    public static String html(String title, ClassTable table, List<Drift> drifts) {
        return html(title, table, drifts, null);
    }

    /** The same, with the similarity check's top pairs ({@code null}: the check was not run). */
    public static String html(String title, ClassTable table, List<Drift> drifts, List<SimilarPair> similar) {
        List<Map<String, Object>> charts = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        Map<String, StudentRecord> students = table.byId();
        body.append("<h1>").append(escape(title)).append("</h1>\n<p>").append(table.students().size()).append(" students, ")
                .append(table.assignments().size()).append(" exercises, ").append(table.unavailable().size())
                .append(" repositories unavailable.</p>\n");
        List<GradeResult> all = new ArrayList<>();
        for (Assignment assignment : table.assignments()) {
            List<GradeResult> results = table.students().stream().flatMap(s -> table.result(s, assignment).stream()).toList();
            all.addAll(results);
            String id = assignment.slug();
            body.append("<section><h2>").append(escape(assignment.title())).append("</h2>\n<p>").append(results.size())
                    .append(" graded, mean ").append(String.format(Locale.ROOT, "%.1f", results.stream().mapToDouble(GradeResult::finalScore)
                            .average().orElse(0))).append(" of ").append(assignment.maxScore()).append(".</p>\n")
                    .append("<div class=\"chart\" id=\"scores-").append(escape(id)).append("\"></div>\n")
                    .append("<div class=\"chart tall\" id=\"checks-").append(escape(id)).append("\"></div></section>\n");
            charts.add(Map.of("id", "scores-" + id, "option", scoreChart(assignment, results)));
            charts.add(Map.of("id", "checks-" + id, "option", checkChart(results)));
        }
        table(body, "Late submissions", List.of("student", "exercise", "days late", "penalty", "score after penalty"),
                all.stream().filter(r -> r.lateDays() > 0).map(r -> List.of(name(students, r), r.key().exercise(),
                        Integer.toString(r.lateDays()), ClassTable.points(r.penaltyPercent()) + " %", ClassTable.points(r.finalScore())
                                + " of " + r.maxScore())).toList());
        table(body, "Drift: the same commit graded again with another score (flaky checks?)",
                List.of("student", "exercise", "commit", "recorded", "again", "checks that changed"),
                drifts.stream().map(d -> List.of(d.key().studentId(), d.key().exercise(), d.key().commit(),
                        Integer.toString(d.recordedScore()), Integer.toString(d.newScore()), d.changedChecks())).toList());
        table(body, "Slowest gradings", List.of("student", "exercise", "seconds", "score"),
                all.stream().sorted(Comparator.comparingLong(GradeResult::gradingMillis).reversed()).limit(SLOWEST)
                        .map(r -> List.of(name(students, r), r.key().exercise(), String.format(Locale.ROOT, "%.1f", r.gradingMillis() / 1000.0),
                                r.score() + " of " + r.maxScore())).toList());
        if (similar == null) {
            body.append("<section><h2>Similar submissions</h2>\n<p>Not checked: run <code>grader class similarity</code> and pass"
                    + " its folder with <code>--similarity</code>.</p></section>\n");
        } else {
            table(body, "Similar submissions (JPlag, the stub as base code)", List.of("student A", "student B", "exercise", "similarity"),
                    similar.stream().sorted(Comparator.comparingDouble(SimilarPair::percent).reversed()).limit(SLOWEST)
                            .map(p -> List.of(nameOf(students, p.studentA()), nameOf(students, p.studentB()), p.exercise(),
                                    String.format(Locale.ROOT, "%.1f %%", p.percent()))).toList());
        }
        table(body, "Repositories that could not be graded", List.of("student", "reason"),
                new TreeMap<>(table.unavailable()).entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
        return page(title, body.toString(), charts);
    }

    private static String nameOf(Map<String, StudentRecord> students, String id) {
        StudentRecord student = students.get(id);
        return student == null || student.name().isEmpty() ? id : student.name() + " (" + id + ")";
    }

    private static String name(Map<String, StudentRecord> students, GradeResult result) {
        StudentRecord student = students.get(result.key().studentId());
        return student == null || student.name().isEmpty() ? result.key().studentId() : student.name() + " (" + student.id() + ")";
    }

    /** Students per score (after penalty, rounded down), from 0 to the maximum. */
    private static Map<String, Object> scoreChart(Assignment assignment, List<GradeResult> results) {
        int max = assignment.maxScore();
        int[] counts = new int[max + 1];
        for (GradeResult result : results) {
            counts[Math.max(0, Math.min(max, (int) Math.floor(result.finalScore())))]++;
        }
        List<String> scores = new ArrayList<>();
        List<Integer> students = new ArrayList<>();
        for (int score = 0; score <= max; score++) {
            scores.add(Integer.toString(score));
            students.add(counts[score]);
        }
        return Map.of("title", Map.of("text", "Score distribution", "left", "center"),
                "tooltip", Map.of(),
                "xAxis", Map.of("type", "category", "name", "score", "data", scores),
                "yAxis", Map.of("type", "value", "name", "students", "minInterval", 1),
                "series", List.of(Map.of("type", "bar", "name", "students", "data", students)));
    }

    /** Each check's failure rate (failed or error, of the students graded), checks grouped and ordered by task. */
    private static Map<String, Object> checkChart(List<GradeResult> results) {
        Map<String, int[]> byCheck = new LinkedHashMap<>();
        Map<String, Integer> tasks = new LinkedHashMap<>();
        for (GradeResult result : results) {
            for (CheckReport check : checks(result)) {
                String label = (check.task() == 0 ? "platform" : "task " + check.task()) + ": " + check.title();
                tasks.putIfAbsent(label, check.task());
                int[] counts = byCheck.computeIfAbsent(label, k -> new int[2]);
                counts[1]++;
                if (check.status() == CheckStatus.FAIL || check.status() == CheckStatus.ERROR) {
                    counts[0]++;
                }
            }
        }
        List<String> labels = byCheck.keySet().stream().sorted(Comparator.comparing((String l) -> -tasks.get(l))
                .thenComparing(Comparator.reverseOrder())).toList();
        List<Double> rates = labels.stream().map(l -> Math.round(1000.0 * byCheck.get(l)[0] / byCheck.get(l)[1]) / 10.0).toList();
        return Map.of("title", Map.of("text", "Failure rate per check (% of students)", "left", "center"),
                "tooltip", Map.of(),
                "grid", Map.of("left", "40%"),
                "xAxis", Map.of("type", "value", "max", 100, "name", "%"),
                "yAxis", Map.of("type", "category", "data", labels),
                "series", List.of(Map.of("type", "bar", "name", "failed", "data", rates)));
    }

    private static List<CheckReport> checks(GradeResult result) {
        if (result.report() == null) {
            return List.of();
        }
        try {
            GradeReport report = JsonReportWriter.read(result.report());
            return report.exercises().stream().map(ExerciseReport::checks).flatMap(List::stream).toList();
        } catch (JsonProcessingException e) {
            return List.of(); // a report this grader cannot read: its checks are left out of the chart
        }
    }

    private static void table(StringBuilder body, String heading, List<String> columns, List<List<String>> rows) {
        body.append("<section><h2>").append(escape(heading)).append("</h2>\n");
        if (rows.isEmpty()) {
            body.append("<p>None.</p></section>\n");
            return;
        }
        body.append("<table><tr>");
        columns.forEach(c -> body.append("<th>").append(escape(c)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(cell -> body.append("<td>").append(escape(cell)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table></section>\n");
    }

    private static String page(String title, String body, List<Map<String, Object>> charts) {
        String data;
        try {
            data = JSON.writeValueAsString(Map.of("charts", charts)).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart options are plain maps", e);
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n<style>"
                + "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}"
                + ".chart{width:100%;height:320px}.chart.tall{height:420px}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}"
                + "</style>\n<script>" + library() + "</script>\n</head><body>\n" + body
                + "<script type=\"application/json\" id=\"chart-data\">" + data + "</script>\n<script>\n"
                + "for (const chart of JSON.parse(document.getElementById('chart-data').textContent).charts) {\n"
                + "  echarts.init(document.getElementById(chart.id), null, {renderer: 'svg'}).setOption(chart.option);\n"
                + "}\n</script>\n</body></html>\n";
    }

    static String library() {
        try (InputStream in = ClassReport.class.getResourceAsStream(LIBRARY)) {
            if (in == null) {
                throw new IllegalStateException("the grader lacks its chart library " + LIBRARY + "; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
