package io.interleave.grader.export;

/** An export that would put grades in the wrong place; the message says what to give instead. */
public final class ExportRefusedException extends Exception {
    public ExportRefusedException(String message) {
        super(message);
    }
}
