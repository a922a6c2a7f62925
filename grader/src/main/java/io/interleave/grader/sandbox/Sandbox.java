package io.interleave.grader.sandbox;

import java.util.List;

/** A way to confine the grading JVM; one implementation per backend. */
public sealed interface Sandbox permits DockerSandbox, BwrapSandbox, UnshareSandbox, ContainerSandbox, NoSandbox {

    /** The backend's name as the CLI and the reports spell it. */
    String name();

    /** One line on what this backend enforces, for reports and the README. */
    String describe();

    /** The command that runs {@code command} (a java command line) inside this sandbox. */
    List<String> wrap(SandboxRequest request, List<String> command, Confinement confinement);

    /**
     * The resource limits around one run: a cgroup the grader creates for bwrap, the engine's own limits for
     * Docker, nothing for {@code none}. Closing it kills whatever is left in it.
     */
    Confinement confine(SandboxRequest request);

    /**
     * Stops what this run left outside the grader's own process tree (Docker: the container, which outlives a
     * killed {@code docker run} client); called on a timeout, an output flood, and when the grader is interrupted.
     */
    default void stop(SandboxRequest request) {
    }

    /** Whether a report should warn that the code ran unconfined. */
    default boolean isUnconfined() {
        return false;
    }
}
