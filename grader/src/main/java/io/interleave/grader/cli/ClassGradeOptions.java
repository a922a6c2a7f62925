package io.interleave.grader.cli;

import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.gradebook.LatePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What a class run grades and how it scores lateness: the options {@code class grade} and {@code class slurm} share. */
public final class ClassGradeOptions {
    @Option(names = "--exercise", paramLabel = "SLUG", description = "Grade only this exercise (repeatable). Default: every"
            + " exercise whose folder the repository has.")
    List<String> exercises = new ArrayList<>();

    @Option(names = "--before", paramLabel = "DEADLINE", converter = DeadlineConverter.class, description = "The class's"
            + " deadline: each repository is graded at its last commit before it (a roster due overrides it). Default: the head.")
    Instant before;

    @Option(names = "--late-penalty", paramLabel = "PCT_PER_DAY", description = "Take commits after the deadline too, up to"
            + " --late-cutoff days, less this many percent of the score per day late (needs --late-cutoff).")
    Double latePenalty;

    @Option(names = "--late-cutoff", paramLabel = "DAYS", description = "With --late-penalty: the last day after the deadline a commit is taken from.")
    Integer lateCutoff;

    @Option(names = "--regrade", description = "Grade again what the gradebook has already; a different score for the same"
            + " commit, grader and exercise is recorded as drift (a flaky check), and the first result is kept.")
    boolean regrade;

    /** What is wrong with these options, said as the fix, or empty when they can be used. */
    Optional<String> problem(ExerciseCatalog catalog) {
        if ((latePenalty == null) != (lateCutoff == null)) {
            return Optional.of("--late-penalty and --late-cutoff go together: give both (e.g. --late-penalty 10 --late-cutoff 5)");
        }
        try {
            late();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        for (String slug : exercises) {
            if (catalog.find(slug).isEmpty()) {
                return Optional.of("unknown exercise '" + slug + "'; the exercises are: " + String.join(", ", catalog.slugs()));
            }
        }
        return Optional.empty();
    }

    /** The late policy asked for; throws when {@link #problem} would name one. */
    LatePolicy late() {
        return latePenalty == null ? LatePolicy.NONE : new LatePolicy(latePenalty, lateCutoff);
    }

    /** The exercises named with --exercise, or empty for every exercise a repository has. */
    List<Exercise> chosen(ExerciseCatalog catalog) {
        return exercises.stream().distinct().map(s -> catalog.find(s).orElseThrow()).toList();
    }

    /** The exercises a run may grade: those chosen, else the whole catalog. */
    List<Exercise> gradable(ExerciseCatalog catalog) {
        List<Exercise> chosen = chosen(catalog);
        return chosen.isEmpty() ? catalog.all() : chosen;
    }

    /** The most CPUs the timing checks of the exercises a run may grade need at once. */
    int maxCpus(ExerciseCatalog catalog) {
        return gradable(catalog).stream().mapToInt(e -> e.manifest().limits().cpus()).max().orElse(1);
    }

    /** These options as {@code class grade} arguments, for a run started elsewhere (a Slurm task). */
    List<String> args() {
        List<String> args = new ArrayList<>();
        exercises.stream().distinct().forEach(slug -> args.addAll(List.of("--exercise", slug)));
        if (before != null) {
            args.addAll(List.of("--before", before.toString()));
        }
        if (latePenalty != null) {
            args.addAll(List.of("--late-penalty", latePenalty.toString(), "--late-cutoff", lateCutoff.toString()));
        }
        if (regrade) {
            args.add("--regrade");
        }
        return args;
    }
}
