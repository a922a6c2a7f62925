package io.interleave.grader.cli;

/**
 * Every exit code of the grader, in one place (the README's table is written from this).
 * <ul>
 *   <li>0: full marks on every exercise graded; for {@code verify}, every variant got its declared verdict</li>
 *   <li>1: marks lost; for {@code verify}, a variant did not get its declared verdict</li>
 *   <li>2: wrong usage (unknown option, exercise or format)</li>
 *   <li>3: an unusable submission: no such folder, no exercise in it, files refused, or code that does not compile</li>
 *   <li>4: the environment cannot grade: the sandbox asked for is unavailable, or no JDK 21+; for {@code class merge},
 *       a shard gradebook was missing or unreadable (the others were merged)</li>
 *   <li>5: {@code publish}: the forge refused or did not answer (the message says what to change)</li>
 *   <li>70: an internal fault of the grader (rerun with --verbose and report it)</li>
 * </ul>
 */
public final class ExitCodes {
    public static final int FULL_MARKS = 0;
    public static final int MARKS_LOST = 1;
    public static final int USAGE = 2;
    public static final int UNUSABLE_SUBMISSION = 3;
    public static final int ENVIRONMENT = 4;
    public static final int PUBLISH_FAILED = 5;
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
