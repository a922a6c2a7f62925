package io.interleave.grader.report;

/**
 * A problem at a place in the student's code (a compile error, a broken rule): the path relative to the
 * exercise folder, the 1-based line (0 when unknown) and the message.
 */
public record Finding(String path, int line, String message) {
}
