package io.interleave.grader.sandbox;

/** The sandbox that was asked for cannot run on this host; the message says what to install or choose. */
public final class SandboxUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SandboxUnavailableException(String message) {
        super(message);
    }
}
