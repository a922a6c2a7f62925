package io.interleave.grader.report;

import java.util.List;

/** The result of one exercise: the sum of its checks, a status, a summary and the sandbox it ran in. */
public record ExerciseReport(String slug, int score, int maxScore, ExerciseStatus status, String message, String sandbox,
                             List<CheckReport> checks) {
    public ExerciseReport {
        checks = List.copyOf(checks);
    }
}
