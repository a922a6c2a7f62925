package io.interleave.grader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code grader publish}: puts a saved report on a pull or merge request. */
@Command(name = "publish", header = "Posts a saved report on a pull request (GitHub) or merge request (GitLab).",
        subcommands = {PublishGitHubCommand.class, PublishGitLabCommand.class})
public final class PublishCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
