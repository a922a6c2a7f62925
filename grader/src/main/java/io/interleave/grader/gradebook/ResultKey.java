package io.interleave.grader.gradebook;

/**
 * What makes a result the same result: the student, the exercise, the commit graded (or a digest of a plain
 * folder), the grader's version and a fingerprint of the exercise's manifest and hidden tests. A rerun grades only
 * keys the gradebook has not seen.
 */
public record ResultKey(String studentId, String exercise, String commit, String graderVersion, String fingerprint) {
    /** The key of a student whose repository could not be graded (one such row per student and grader). */
    public static ResultKey unavailable(String studentId, String graderVersion) {
        return new ResultKey(studentId, "", "", graderVersion, "");
    }
}
