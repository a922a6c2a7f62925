package io.interleave.grader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;

/**
 * Exercism's test-runner {@code results.json}, version 3: a status, a message only on error, and each check as
 * a test with its status, message on failure and the task it belongs to.
 */
public record ExercismReportWriter() implements ReportWriter {
    /** The spec's limit on a test's {@code output}. */
    static final int MAX_OUTPUT = 500;
    /** The spec's limit on the top-level {@code message}. */
    static final int MAX_MESSAGE = 65_535;

    @Override
    public String write(GradeReport report) {
        ObjectNode root = JsonReportWriter.MAPPER.createObjectNode();
        root.put("version", 3);
        boolean nothingRan = !report.exercises().isEmpty()
                && report.exercises().stream().allMatch(e -> e.status() == ExerciseStatus.ERROR);
        boolean allPass = report.exercises().stream().flatMap(e -> e.checks().stream())
                .allMatch(c -> c.status() == CheckStatus.PASS || c.status() == CheckStatus.INCONCLUSIVE);
        root.put("status", nothingRan ? "error" : allPass ? "pass" : "fail");
        if (nothingRan) {
            String message = report.exercises().stream().map(e -> e.slug() + ": " + e.message() + errors(e))
                    .collect(Collectors.joining("\n"));
            root.put("message", message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
            return write(root);
        }
        ArrayNode tests = root.putArray("tests");
        boolean several = report.exercises().size() > 1;
        for (ExerciseReport exercise : report.exercises()) {
            for (CheckReport check : exercise.checks()) {
                ObjectNode test = tests.addObject();
                test.put("name", (several ? exercise.slug() + ": " : "") + check.title());
                String status = switch (check.status()) {
                    case PASS, INCONCLUSIVE -> "pass";
                    case FAIL, SKIPPED -> "fail";
                    case ERROR -> "error";
                };
                test.put("status", status);
                if (status.equals("pass")) {
                    test.putNull("message");
                } else {
                    test.put("message", check.message());
                }
                if (check.status() == CheckStatus.INCONCLUSIVE) {
                    String note = "inconclusive (kept its points): " + check.message();
                    test.put("output", note.length() > MAX_OUTPUT ? note.substring(0, MAX_OUTPUT) : note);
                } else {
                    test.putNull("output");
                }
                test.put("test_code", testCode(check));
                if (check.task() > 0) {
                    test.put("task_id", check.task());
                }
            }
        }
        return write(root);
    }

    private static String errors(ExerciseReport exercise) {
        String details = exercise.checks().stream().filter(c -> c.status() == CheckStatus.ERROR).map(CheckReport::message)
                .collect(Collectors.joining("\n"));
        return details.isEmpty() ? "" : "\n" + details;
    }

    /** What the check runs, in words: hidden test code is never shown. */
    private static String testCode(CheckReport check) {
        if (check.kind() == null) {
            return check.name();
        }
        return switch (check.kind()) {
            case COMPILE -> "Your code is compiled with the exercise's tests.";
            case STRUCTURE -> "Your compiled classes are checked against the platform rules.";
            case TEST -> "A hidden test (" + check.maxScore() + " points) runs against your code.";
            case STRESS -> "A jcstress test (" + check.maxScore() + " points) runs your code under many interleavings.";
        };
    }

    private static String write(ObjectNode root) {
        try {
            return JsonReportWriter.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Exercism results", e);
        }
    }
}
