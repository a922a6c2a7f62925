package io.interleave.grader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code grader hook}: the git hooks the grader installs. */
@Command(name = "hook", header = "Installs git hooks that grade each push.", subcommands = HookInstallCommand.class)
public final class HookCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
