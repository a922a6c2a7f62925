package io.interleave.grader.gradebook;

/** A student as the gradebook keeps them for exports: the roster's columns but the repository. */
public record StudentRecord(String id, String name, String email, String section) {
}
