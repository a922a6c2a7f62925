package io.interleave.grader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Gradescope's autograder {@code results.json}: the total score, and one test per check with its score,
 * max_score, status, output, visibility and tags. Checks held until the deadline get {@code after_due_date}.
 */
public record GradescopeReportWriter() implements ReportWriter {
    @Override
    public String write(GradeReport report) {
        ObjectNode root = JsonReportWriter.MAPPER.createObjectNode();
        root.put("score", report.score());
        root.put("output", summary(report));
        root.put("output_format", "text");
        root.put("test_output_format", "text");
        root.put("test_name_format", "text");
        root.put("execution_time", Math.round(report.exercises().stream()
                .flatMap(e -> e.checks().stream()).mapToLong(CheckReport::durationMs).sum() / 1000.0));
        ArrayNode tests = root.putArray("tests");
        boolean several = report.exercises().size() > 1;
        for (int e = 0; e < report.exercises().size(); e++) {
            ExerciseReport exercise = report.exercises().get(e);
            for (int c = 0; c < exercise.checks().size(); c++) {
                CheckReport check = exercise.checks().get(c);
                ObjectNode test = tests.addObject();
                test.put("name", (several ? exercise.slug() + ": " : "") + check.title());
                test.put("number", (e + 1) + "." + (c + 1));
                test.put("score", check.score());
                test.put("max_score", check.maxScore());
                test.put("status", switch (check.status()) {
                    case PASS, INCONCLUSIVE -> "passed";
                    case FAIL, ERROR, SKIPPED -> "failed";
                });
                test.put("output", check.status() == CheckStatus.INCONCLUSIVE ? "inconclusive (kept its points): " + check.message()
                        : check.message());
                test.put("visibility", check.hidden() && exercise.hiddenChecks() == HiddenChecks.AFTER_DEADLINE
                        ? "after_due_date" : "visible");
                ArrayNode tags = test.putArray("tags");
                tags.add(exercise.slug());
                if (check.task() > 0) {
                    tags.add("task-" + check.task());
                }
                if (check.kind() != null) {
                    tags.add(check.kind().id());
                }
            }
        }
        if (report.submission() != null && report.submission().commit() != null) {
            root.putObject("extra_data").put("commit", report.submission().commit());
        }
        try {
            return JsonReportWriter.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Gradescope results", e);
        }
    }

    private static String summary(GradeReport report) {
        StringBuilder out = new StringBuilder();
        if (report.submission() != null && report.submission().commit() != null) {
            out.append("Graded commit ").append(report.submission().commit()).append('\n');
        }
        for (ExerciseReport exercise : report.exercises()) {
            out.append(String.format(Locale.ROOT, "%s: %d/%d, %s%n", exercise.slug(), exercise.score(), exercise.maxScore(),
                    exercise.message()));
        }
        return out.toString().strip();
    }
}
