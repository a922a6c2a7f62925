package io.interleave.grader.sandbox;

/** What asking the Docker engine found: a sandbox ready to use, or why there is none. */
public sealed interface DockerProbe {

    /** The engine answers and has the image. */
    record Ready(DockerSandbox sandbox) implements DockerProbe {
    }

    /** No docker client, no engine answering, or no such image; {@code reason} says which and what to do. */
    record Unavailable(String reason, boolean engineAnswers) implements DockerProbe {
    }
}
