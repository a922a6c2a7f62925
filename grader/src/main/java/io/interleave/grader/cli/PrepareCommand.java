package io.interleave.grader.cli;

import io.interleave.grader.Pipeline;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.sandbox.Sandbox;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code grader prepare}: trains the start-up cache of every exercise now instead of at its first grading. */
@Command(name = "prepare", header = "Prepares the grading JVM's start-up cache of every exercise (JDK 25+), so the first grading is fast.",
        description = "Runs each exercise's own stub (trusted code) once to train the cache, in the sandbox asked for"
                + " (Docker keeps one per image). The grader image runs this when it is built.")
public final class PrepareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SandboxOption sandbox;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Sandbox> selected = sandbox.select(err);
        if (selected.isEmpty()) {
            return ExitCodes.ENVIRONMENT;
        }
        for (Exercise exercise : ExerciseCatalog.bundled().all()) {
            Optional<Path> cache = Pipeline.prepare(exercise, selected.get());
            out.println(exercise.slug() + ": " + cache.map(c -> "start-up cache ready (" + c + ")")
                    .orElse("no start-up cache (needs JDK 25+ and a grader jar; INTERLEAVE_NO_AOT_CACHE unset)"));
        }
        out.flush();
        return ExitCodes.FULL_MARKS;
    }
}
