package io.interleave.grader.cli;

import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.publish.PostReceiveHook;
import io.interleave.grader.sandbox.SandboxMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader hook install}: a post-receive hook that grades every push and shows the score to the pusher. */
@Command(name = "install", header = "Installs a post-receive hook in a bare repository: every push is graded and the pusher"
        + " sees the score table; a push is never rejected or lost because grading failed.")
public final class HookInstallCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BARE_REPO", description = "The bare repository students push to (e.g. /srv/git/alice.git).")
    Path repository;

    @Option(names = "--exercise", paramLabel = "SLUG", description = "Grade only this exercise (repeatable). Default: every exercise in the push.")
    List<String> exercises = new ArrayList<>();

    @Option(names = "--sandbox", paramLabel = "auto|bwrap|unshare|none", defaultValue = "auto", converter = SandboxModeConverter.class,
            description = "The sandbox the hook grades in. Default: ${DEFAULT-VALUE}.")
    SandboxMode sandbox = SandboxMode.AUTO;

    @Option(names = "--grader-command", paramLabel = "COMMAND", description = "How the hook starts the grader (words split"
            + " on spaces). Default: this grader, with this Java.")
    String graderCommand;

    @Option(names = "--force", description = "Replace a post-receive hook that the grader did not install.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ExerciseCatalog catalog = ExerciseCatalog.bundled();
        for (String slug : exercises) {
            if (catalog.find(slug).isEmpty()) {
                err.println("grader: unknown exercise '" + slug + "'; the exercises are: " + String.join(", ", catalog.slugs()));
                err.println("Try 'grader --help' for more information.");
                return ExitCodes.USAGE;
            }
        }
        if (!Files.isDirectory(repository.resolve("hooks")) || !Files.isRegularFile(repository.resolve("HEAD"))) {
            err.println("grader: " + repository + " is not a bare git repository (no HEAD and hooks/ in it); create one with"
                    + " git init --bare " + repository);
            return ExitCodes.USAGE;
        }
        Path hook = repository.resolve("hooks/post-receive");
        if (Files.exists(hook) && !force && !PostReceiveHook.isOurs(Files.readString(hook))) {
            err.println("grader: " + hook + " exists and was not installed by the grader; move it away or pass --force to replace it");
            return ExitCodes.USAGE;
        }
        List<String> command = graderCommand == null ? PostReceiveHook.thisGrader() : List.of(graderCommand.trim().split("\\s+"));
        List<String> gradeArgs = new ArrayList<>(List.of("--sandbox", sandbox.toString()));
        exercises.forEach(slug -> gradeArgs.addAll(List.of("--exercise", slug)));
        PostReceiveHook.install(hook, command, gradeArgs);
        out.println("Installed " + hook.toAbsolutePath() + ": every push to a branch is graded and the pusher sees the score.");
        out.println("Test it: git push " + repository.toAbsolutePath() + " main");
        out.flush();
        return ExitCodes.FULL_MARKS;
    }
}
