package io.interleave.grader.report;

/** The result of one check: its status, points and a message for the student. */
public record CheckReport(String name, int task, CheckStatus status, int score, int maxScore, String message, long durationMs) {
}
