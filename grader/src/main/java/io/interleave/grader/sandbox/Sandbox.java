package io.interleave.grader.sandbox;

import java.util.List;

/** A way to confine the grading JVM; one implementation per backend. */
public sealed interface Sandbox permits BwrapSandbox, NoSandbox {

    /** The backend's name as the CLI and the reports spell it. */
    String name();

    /** One line on what this backend enforces, for reports and the README. */
    String describe();

    /** The command that runs {@code command} (a java command line) inside this sandbox. */
    List<String> wrap(SandboxRequest request, List<String> command, Confinement confinement);

    /** Whether a report should warn that the code ran unconfined. */
    default boolean isUnconfined() {
        return false;
    }
}
