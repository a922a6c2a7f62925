package io.interleave.grader.sandbox;

import java.util.Locale;

/** The sandbox a user asks for: the strongest available, a named backend, or none at all. */
public enum SandboxMode {
    AUTO, DOCKER, BWRAP, UNSHARE, NONE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
