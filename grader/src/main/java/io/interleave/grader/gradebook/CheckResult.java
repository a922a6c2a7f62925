package io.interleave.grader.gradebook;

/** One check of a graded exercise as the gradebook keeps it. */
public record CheckResult(String name, String status, int score, int maxScore, long durationMs) {
}
