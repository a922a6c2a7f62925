package io.interleave.grader.gradebook;

/** The same commit, grader and exercise graded again with another score: a flaky check, recorded for the instructor. */
public record Drift(ResultKey key, int recordedScore, int newScore, String changedChecks, String detectedAt) {
}
