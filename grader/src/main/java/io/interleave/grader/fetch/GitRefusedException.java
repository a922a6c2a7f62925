package io.interleave.grader.fetch;

/** A git submission that cannot be graded: the message says what is wrong and what to do. */
public final class GitRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public GitRefusedException(String message) {
        super(message);
    }
}
