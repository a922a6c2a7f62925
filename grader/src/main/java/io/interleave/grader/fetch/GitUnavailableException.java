package io.interleave.grader.fetch;

import java.io.IOException;

/** git itself cannot run here (not installed, not on the PATH): an environment fault, not a bad submission. */
public final class GitUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public GitUnavailableException(String message, IOException cause) {
        super(message, cause);
    }
}
