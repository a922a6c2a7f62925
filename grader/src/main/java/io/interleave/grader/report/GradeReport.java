package io.interleave.grader.report;

import java.util.List;

/** The report of one grading: every exercise graded, with the total. {@code version} is the JSON schema version. */
public record GradeReport(int version, int score, int maxScore, List<ExerciseReport> exercises) {
    /** The current version of the JSON report schema. */
    public static final int SCHEMA_VERSION = 1;

    public GradeReport {
        exercises = List.copyOf(exercises);
    }

    public static GradeReport of(List<ExerciseReport> exercises) {
        return new GradeReport(SCHEMA_VERSION, exercises.stream().mapToInt(ExerciseReport::score).sum(),
                exercises.stream().mapToInt(ExerciseReport::maxScore).sum(), exercises);
    }

    public boolean fullMarks() {
        return exercises.stream().allMatch(e -> e.status() == ExerciseStatus.PASS);
    }

    public boolean anyError() {
        return exercises.stream().anyMatch(e -> e.status() == ExerciseStatus.ERROR);
    }
}
