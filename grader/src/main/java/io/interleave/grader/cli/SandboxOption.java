package io.interleave.grader.cli;

import io.interleave.grader.sandbox.Sandbox;
import io.interleave.grader.sandbox.SandboxMode;
import io.interleave.grader.sandbox.SandboxSelector;
import io.interleave.grader.sandbox.SandboxUnavailableException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --sandbox} option shared by the commands that run student code. */
public final class SandboxOption {
    @Option(names = "--sandbox", paramLabel = "auto|docker|bwrap|unshare|none", defaultValue = "auto",
            converter = SandboxModeConverter.class,
            description = "Where student code runs: the strongest available sandbox (auto: docker, then bwrap, then unshare), a"
                    + " fresh Docker container per exercise, bubblewrap, util-linux's unshare (nothing to install), or none"
                    + " (unconfined; reports say so). Default: ${DEFAULT-VALUE}.")
    SandboxMode mode = SandboxMode.AUTO;

    @Option(names = "--docker-image", paramLabel = "IMAGE", defaultValue = "${env:INTERLEAVE_DOCKER_IMAGE:-"
            + SandboxSelector.DEFAULT_IMAGE + "}",
            description = "The image the docker sandbox runs (a Java 21+ JDK; docker/Dockerfile builds one)."
                    + " Default: $INTERLEAVE_DOCKER_IMAGE, else ${DEFAULT-VALUE}.")
    String image = SandboxSelector.DEFAULT_IMAGE;

    /** This option as command-line arguments, for a grading started elsewhere (a Slurm task). */
    List<String> args() {
        return List.of("--sandbox", mode.toString(), "--docker-image", image);
    }

    /** The sandbox asked for, or empty after telling the user why it cannot run here. */
    Optional<Sandbox> select(PrintWriter err) {
        try {
            Sandbox sandbox = SandboxSelector.select(mode, image, note -> err.println("grader: note: " + note));
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
