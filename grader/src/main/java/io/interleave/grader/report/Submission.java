package io.interleave.grader.report;

/**
 * What was graded: the source (a folder, or a git URL or path), the ref and commit when it came from git, the
 * commit's date, and the deadline it was graded against (ISO-8601 instants; any field may be null).
 */
public record Submission(String source, String ref, String commit, String committedAt, String deadline) {
    /** A submission read from a folder. */
    public static Submission folder(String path) {
        return new Submission(path, null, null, null, null);
    }

    public Submission withDeadline(String newDeadline) {
        return new Submission(source, ref, commit, committedAt, newDeadline);
    }
}
