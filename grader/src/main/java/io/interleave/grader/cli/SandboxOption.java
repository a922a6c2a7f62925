package io.interleave.grader.cli;

import io.interleave.grader.sandbox.Sandbox;
import io.interleave.grader.sandbox.SandboxMode;
import io.interleave.grader.sandbox.SandboxSelector;
import io.interleave.grader.sandbox.SandboxUnavailableException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --sandbox} option shared by the commands that run student code. */
public final class SandboxOption {
    @Option(names = "--sandbox", paramLabel = "auto|bwrap|none", defaultValue = "auto",
            converter = SandboxModeConverter.class,
            description = "Where student code runs: the strongest available sandbox (auto), bubblewrap, or none"
                    + " (unconfined; reports say so). Default: ${DEFAULT-VALUE}.")
    SandboxMode mode = SandboxMode.AUTO;

    /** The sandbox asked for, or empty after telling the user why it cannot run here. */
    Optional<Sandbox> select(PrintWriter err) {
        try {
            Sandbox sandbox = SandboxSelector.select(mode);
            if (sandbox.isUnconfined()) {
                err.println("grader: WARNING: grading without a sandbox (--sandbox none): student code runs with your user, files and network.");
            }
            return Optional.of(sandbox);
        } catch (SandboxUnavailableException e) {
            err.println("grader: " + e.getMessage());
            return Optional.empty();
        }
    }
}
