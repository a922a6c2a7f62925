package io.interleave.grader.cli;

import io.interleave.grader.sandbox.SandboxMode;
import picocli.CommandLine.Option;

/** The {@code --sandbox} option shared by the commands that run student code. */
public final class SandboxOption {
    @Option(names = "--sandbox", paramLabel = "auto|bwrap|none", defaultValue = "auto",
            converter = SandboxModeConverter.class,
            description = "Where student code runs: the strongest available sandbox (auto), bubblewrap, or none"
                    + " (unconfined; reports say so). Default: ${DEFAULT-VALUE}.")
    SandboxMode mode = SandboxMode.AUTO;
}
