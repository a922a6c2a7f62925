package io.interleave.grader.publish;

/** Publishing failed: the message says what the server answered and what to do. */
public final class PublishException extends Exception {
    private static final long serialVersionUID = 1L;

    public PublishException(String message) {
        super(message);
    }
}
