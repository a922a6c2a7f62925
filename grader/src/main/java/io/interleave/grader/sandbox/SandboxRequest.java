package io.interleave.grader.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one grading JVM needs from its sandbox: a run id unique to it (names its container), the paths it
 * reads (the JDK, the grader's classpath), the memory (MiB) and task count its processes may use, the CPUs it
 * is pinned to, the private tmp size, and folders below the read-only paths that it must not see (hidden under
 * an empty folder).
 */
public record SandboxRequest(String runId, List<Path> readOnlyPaths, int memoryMb, int maxTasks, int cpus, int tmpMb,
                             List<Path> maskedPaths) {
    public SandboxRequest {
        if (!runId.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new IllegalArgumentException("a run id is letters, digits, '_', '.', '-': " + runId);
        }
        readOnlyPaths = List.copyOf(readOnlyPaths);
        maskedPaths = List.copyOf(maskedPaths);
    }

    /**
     * The read-only paths a namespace sandbox binds besides /usr (which it binds whole): absolute, normalised, existing,
     * each once, in order.
     */
    public List<Path> bindsBesideUsr() {
        Set<Path> binds = new LinkedHashSet<>();
        for (Path path : readOnlyPaths) {
            Path absolute = path.toAbsolutePath().normalize();
            if (!absolute.startsWith("/usr") && Files.exists(absolute)) {
                binds.add(absolute);
            }
        }
        return List.copyOf(binds);
    }
}
