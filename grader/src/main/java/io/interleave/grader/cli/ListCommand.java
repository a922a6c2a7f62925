package io.interleave.grader.cli;

import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.exercise.Manifest;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code grader list}: the bundled exercises with their points. */
@Command(name = "list", header = "Lists the exercises the grader knows, with their points.")
public final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = ExerciseCatalog.bundled().slugs().stream().mapToInt(String::length).max().orElse(10);
        out.printf(Locale.ROOT, "%-" + width + "s  %6s  %6s  %s%n", "EXERCISE", "POINTS", "CHECKS", "TEACHES");
        for (Exercise exercise : ExerciseCatalog.bundled().all()) {
            Manifest m = exercise.manifest();
            out.printf(Locale.ROOT, "%-" + width + "s  %6d  %6d  %s%n", m.slug(), m.maxScore(), m.checks().size(), m.teaches());
        }
        out.flush();
        return ExitCodes.FULL_MARKS;
    }
}
