package io.interleave.grader.sandbox;

import org.opentest4j.TestAbortedException;

/**
 * The namespace backends for tests: bubblewrap is skipped, saying why, where it is not installed (a fresh machine;
 * .ci/run installs it), while unshare needs nothing installed and must work on every machine the project supports.
 */
public final class LocalSandboxes {
    private LocalSandboxes() {
    }

    /** The bwrap sandbox, or aborts the calling test (skipped) with the reason. */
    public static Sandbox bwrap() {
        try {
            return SandboxSelector.select(SandboxMode.BWRAP);
        } catch (SandboxUnavailableException e) {
            throw new TestAbortedException("skipped: needs bubblewrap (.ci/run installs it): " + e.getMessage());
        }
    }

    /** The unshare sandbox; a machine where it cannot run fails the calling test. */
    public static Sandbox unshare() {
        return SandboxSelector.select(SandboxMode.UNSHARE);
    }
}
