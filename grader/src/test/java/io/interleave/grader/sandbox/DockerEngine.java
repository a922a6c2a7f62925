package io.interleave.grader.sandbox;

import org.opentest4j.TestAbortedException;

/** The Docker sandbox for tests that need a running engine; they are skipped, saying why, where none answers. */
public final class DockerEngine {
    private DockerEngine() {
    }

    /** The sandbox running the default image, or aborts the calling test (skipped) with the reason. */
    public static DockerSandbox sandbox() {
        return switch (SandboxSelector.docker(SandboxSelector.defaultImage())) {
            case DockerProbe.Ready ready -> ready.sandbox();
            case DockerProbe.Unavailable no -> throw new TestAbortedException(
                    "skipped: needs a Docker engine with the grader image (.ci/run prepares both): " + no.reason());
        };
    }
}
