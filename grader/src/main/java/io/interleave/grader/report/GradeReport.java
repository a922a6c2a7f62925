package io.interleave.grader.report;

import java.util.List;

/**
 * The report of one grading: every exercise graded, with the total, and what was graded. {@code version} is the
 * JSON schema version; {@code submission} may be null.
 */
public record GradeReport(int version, int score, int maxScore, Submission submission, List<ExerciseReport> exercises) {
    /** The current version of the JSON report schema (fields added since version 1 are optional, so it stays 1). */
    public static final int SCHEMA_VERSION = 1;

    public GradeReport {
        exercises = List.copyOf(exercises);
    }

    public static GradeReport of(List<ExerciseReport> exercises) {
        return of(null, exercises);
    }

    public static GradeReport of(Submission submission, List<ExerciseReport> exercises) {
        return new GradeReport(SCHEMA_VERSION, exercises.stream().mapToInt(ExerciseReport::score).sum(),
                exercises.stream().mapToInt(ExerciseReport::maxScore).sum(), submission, exercises);
    }

    public GradeReport withSubmission(Submission newSubmission) {
        return new GradeReport(version, score, maxScore, newSubmission, exercises);
    }

    public boolean fullMarks() {
        return exercises.stream().allMatch(e -> e.status() == ExerciseStatus.PASS);
    }

    public boolean anyError() {
        return exercises.stream().anyMatch(e -> e.status() == ExerciseStatus.ERROR);
    }
}
