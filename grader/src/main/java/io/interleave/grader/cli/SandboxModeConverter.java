package io.interleave.grader.cli;

import io.interleave.grader.sandbox.SandboxMode;

/** Reads {@code --sandbox}. */
public final class SandboxModeConverter extends ChoiceConverter<SandboxMode> {
    public SandboxModeConverter() {
        super(SandboxMode.class, "a sandbox");
    }
}
