package io.interleave.grader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The result JSON of a GitHub Classroom autograding runner ({@code version}, {@code status}, {@code max_score},
 * {@code tests[]}), which {@code autograding-grading-reporter} reads base64-encoded from a step output.
 */
public record ClassroomReportWriter() implements ReportWriter {
    @Override
    public String write(GradeReport report) {
        ObjectNode root = JsonReportWriter.MAPPER.createObjectNode();
        root.put("version", 1);
        root.put("status", report.anyError() ? "error" : report.fullMarks() ? "pass" : "fail");
        root.put("max_score", report.maxScore());
        ArrayNode tests = root.putArray("tests");
        boolean several = report.exercises().size() > 1;
        for (ExerciseReport exercise : report.exercises()) {
            for (CheckReport check : exercise.checks()) {
                ObjectNode test = tests.addObject();
                test.put("name", (several ? exercise.slug() + ": " : "") + check.title());
                test.put("status", switch (check.status()) {
                    case PASS, INCONCLUSIVE -> "pass";
                    case FAIL, SKIPPED -> "fail";
                    case ERROR -> "error";
                });
                test.put("message", check.message());
                test.put("test_code", check.kind() == null ? check.name() : check.kind().id() + " check " + check.name());
                Finding first = check.findings().isEmpty() ? null : check.findings().get(0);
                test.put("filename", first == null ? "" : exercise.slug() + "/" + first.path());
                test.put("line_no", first == null ? 0 : first.line());
                test.put("execution_time", String.format(Locale.ROOT, "%.2fs", check.durationMs() / 1000.0));
                test.put("score", check.score());
            }
        }
        try {
            return JsonReportWriter.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the GitHub Classroom result", e);
        }
    }

    /** The step output line the grading reporter reads: {@code result=} and the compact JSON in base64. */
    public static String stepOutput(String json) {
        try {
            String compact = JsonReportWriter.MAPPER.readTree(json).toString();
            return "result=" + Base64.getEncoder().encodeToString(compact.getBytes(StandardCharsets.UTF_8)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
