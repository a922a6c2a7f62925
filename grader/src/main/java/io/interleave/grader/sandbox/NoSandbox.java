package io.interleave.grader.sandbox;

import java.util.ArrayList;
import java.util.List;

/** Runs the grading JVM as a plain child process: only the JVM's own limits and the wall clock apply. */
public record NoSandbox() implements Sandbox {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public String describe() {
        return "none: no isolation; student code runs with the grader's user, files and network (heap and wall-clock limits only)";
    }

    @Override
    public Confinement confine(SandboxRequest request) {
        return Confinement.none();
    }

    @Override
    public List<String> wrap(SandboxRequest request, List<String> command, Confinement confinement) {
        List<String> wrapped = new ArrayList<>(confinement.pinning(request.cpus()));
        wrapped.addAll(command);
        return wrapped;
    }

    @Override
    public boolean isUnconfined() {
        return true;
    }
}
