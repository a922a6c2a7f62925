package io.interleave.grader.cli;

import io.interleave.grader.Pipeline;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.sandbox.Sandbox;
import io.interleave.grader.verify.Variant;
import io.interleave.grader.verify.VariantCatalog;
import io.interleave.grader.verify.VerdictCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grader verify}: grades every solution variant several times and checks its declared verdict. */
@Command(name = "verify", header = "Grades every variant under solutions/ and checks it gets the verdict it declares.")
public final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--solutions", paramLabel = "DIR", defaultValue = "solutions",
            description = "The folder of variants, <slug>/<variant>/expected.json. Default: ${DEFAULT-VALUE}.")
    Path solutions;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "Gradings per variant. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--exercise", paramLabel = "SLUG", description = "Verify only this exercise's variants (repeatable).")
    List<String> exercises = new ArrayList<>();

    @Option(names = "--variant", paramLabel = "NAME", description = "Verify only variants of this name (repeatable).")
    List<String> names = new ArrayList<>();

    @Mixin
    SandboxOption sandbox;

    @Option(names = "--verbose", description = "Show stack traces of grader faults.")
    boolean verbose;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repeat < 1) {
            err.println("grader: --repeat must be at least 1, was " + repeat);
            err.println("Try 'grader --help' for more information.");
            return ExitCodes.USAGE;
        }
        if (!Files.isDirectory(solutions)) {
            err.println("grader: no solutions folder at " + solutions.toAbsolutePath() + "; run from the repository root or pass --solutions DIR");
            return ExitCodes.USAGE;
        }
        ExerciseCatalog catalog = ExerciseCatalog.bundled();
        List<Variant> variants;
        try {
            variants = VariantCatalog.discover(solutions).stream()
                    .filter(v -> exercises.isEmpty() || exercises.contains(v.slug()))
                    .filter(v -> names.isEmpty() || names.contains(v.name())).toList();
        } catch (IllegalArgumentException e) {
            err.println("grader: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (variants.isEmpty()) {
            err.println("grader: no variants to verify under " + solutions);
            return ExitCodes.USAGE;
        }
        Optional<Sandbox> selected = sandbox.select(err);
        if (selected.isEmpty()) {
            return ExitCodes.ENVIRONMENT;
        }
        Sandbox box = selected.get();
        out.printf(Locale.ROOT, "Verifying %d variants, %d gradings each, sandbox %s%n", variants.size(), repeat, box.name());
        out.flush();
        try (Progress progress = Progress.start("verify", (long) variants.size() * repeat, "gradings", out, err)) {
            int mismatched = verify(catalog, variants, box, progress);
            out.printf(Locale.ROOT, "%s: %d of %d variants got their declared verdict in all %d gradings%n",
                    mismatched == 0 ? "OK" : "FAILED", variants.size() - mismatched, variants.size(), repeat);
            return mismatched == 0 ? ExitCodes.FULL_MARKS : ExitCodes.MARKS_LOST;
        }
    }

    /** Grades each variant {@link #repeat} times, a line for each as soon as its gradings are done; the mismatches. */
    private int verify(ExerciseCatalog catalog, List<Variant> variants, Sandbox box, Progress progress)
            throws IOException, InterruptedException {
        int mismatched = 0;
        for (Variant variant : variants) {
            Optional<Exercise> exercise = catalog.find(variant.slug());
            if (exercise.isEmpty()) {
                progress.line(String.format(Locale.ROOT, "  MISMATCH  %s/%s: no exercise '%s' in the grader",
                        variant.slug(), variant.name(), variant.slug()));
                progress.advance(repeat, variant.name());
                mismatched++;
                continue;
            }
            List<String> problems = new ArrayList<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            long slowest = 0;
            for (int run = 1; run <= repeat; run++) {
                progress.advance(run == 1 ? 0 : 1, variant.slug() + " " + variant.name() + " " + run + "/" + repeat);
                long start = System.nanoTime();
                ExerciseReport report = Pipeline.grade(exercise.get(), variant.dir(), box);
                slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
                min = Math.min(min, report.score());
                max = Math.max(max, report.score());
                for (String problem : VerdictCheck.mismatches(variant.expectation(), report)) {
                    problems.add("run " + run + ": " + problem);
                }
            }
            int maxScore = exercise.get().manifest().maxScore();
            String scores = min == max ? min + "/" + maxScore : min + ".." + max + "/" + maxScore;
            progress.advance(1, variant.slug() + " " + variant.name() + " done");
            progress.line(String.format(Locale.ROOT, "  %-8s  %-14s %-38s %-12s %d/%d as declared, slowest %.1f s",
                    problems.isEmpty() ? "ok" : "MISMATCH", variant.slug(), variant.name(), scores,
                    repeat - (int) problems.stream().map(p -> p.substring(0, p.indexOf(':'))).distinct().count(), repeat,
                    slowest / 1000.0));
            for (String problem : problems) {
                progress.line("            " + problem);
            }
            if (!problems.isEmpty()) {
                mismatched++;
            }
        }
        return mismatched;
    }
}
