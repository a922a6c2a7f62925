package io.interleave.grader.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the grading JVM as a plain child process: no isolation. Where the host allows a cgroup (root), the run still
 * gets the same cgroup as bwrap's (memory and task limits, and the CPU weight that keeps a busy neighbour from
 * starving the checks), since those are about fair measurement, not confinement.
 */
public record NoSandbox() implements Sandbox {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public String describe() {
        return "none: no isolation; student code runs with the grader's user, files and network (heap and wall-clock limits,"
                + " and bwrap's cgroup where the host allows one)";
    }

    @Override
    public Confinement confine(SandboxRequest request) {
        return Confinement.create(request);
    }

    @Override
    public List<String> wrap(SandboxRequest request, List<String> command, Confinement confinement) {
        List<String> wrapped = new ArrayList<>(confinement.pinning(request.cpus()));
        wrapped.addAll(command);
        return confinement.join(wrapped);
    }

    @Override
    public boolean isUnconfined() {
        return true;
    }
}
