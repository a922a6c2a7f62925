package io.interleave.grader.gradebook;

import java.util.List;

/**
 * One gradebook row: the key, how it ended, the points before and after the late penalty, when the commit was made
 * and against which deadline, how long the grading took, the JSON report ({@code report}, null when unavailable) and,
 * for an unavailable repository, the reason.
 */
public record GradeResult(ResultKey key, ResultStatus status, int score, int maxScore, int lateDays, double penaltyPercent,
                          double finalScore, String committedAt, String deadline, long gradingMillis, String gradedAt,
                          String reason, String report, List<CheckResult> checks) {
    public GradeResult {
        checks = List.copyOf(checks);
    }
}
