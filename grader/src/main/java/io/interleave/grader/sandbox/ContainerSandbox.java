package io.interleave.grader.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The grader image's own container as the sandbox: inside it there is no Docker engine and no bubblewrap
 * (an unprivileged container cannot create namespaces), so the grading JVM runs as a plain child process and
 * the container the user started around the grader (network, read-only root, memory, tasks, user) is what
 * confines student code; a cgroup caps memory and tasks too where the container lets the grader create one.
 */
public record ContainerSandbox() implements Sandbox {
    /** Set by docker/Dockerfile: the grader runs in its own image. */
    public static final String MARKER_VARIABLE = "INTERLEAVE_GRADER_IMAGE";

    @Override
    public String name() {
        return "container";
    }

    @Override
    public String describe() {
        return "container: the grader image's own container is the sandbox (what `docker run` gave it: network,"
                + " read-only root, memory, tasks, user nobody); the grading JVM is a child process inside it";
    }

    @Override
    public Confinement confine(SandboxRequest request) {
        Confinement cgroup = Confinement.create(request);
        return cgroup.ownsCgroup() ? cgroup : Confinement.enforcedBy(
                "no cgroup of its own: the limits `docker run` gave the grader's container apply");
    }

    @Override
    public List<String> wrap(SandboxRequest request, List<String> command, Confinement confinement) {
        List<String> wrapped = new ArrayList<>(confinement.pinning(request.cpus()));
        wrapped.addAll(command);
        return confinement.join(wrapped);
    }
}
