package io.interleave.grader.report;

import java.util.List;

/**
 * The result of one exercise: the sum of its checks, a status, a summary and the sandbox it ran in; its title,
 * and what students may see of its hidden checks.
 */
public record ExerciseReport(String slug, String title, int score, int maxScore, ExerciseStatus status, String message,
                             String sandbox, HiddenChecks hiddenChecks, List<CheckReport> checks) {
    public ExerciseReport {
        title = title == null || title.isBlank() ? CheckReport.titleOf(slug) : title;
        hiddenChecks = hiddenChecks == null ? HiddenChecks.SHOWN : hiddenChecks;
        checks = List.copyOf(checks);
    }

    /** An exercise whose hidden checks are shown (reports written before those fields existed). */
    public ExerciseReport(String slug, int score, int maxScore, ExerciseStatus status, String message, String sandbox,
                          List<CheckReport> checks) {
        this(slug, null, score, maxScore, status, message, sandbox, HiddenChecks.SHOWN, checks);
    }
}
