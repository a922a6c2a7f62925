package io.interleave.grader.cli;

import io.interleave.grader.Pipeline;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.fetch.GitCheckout;
import io.interleave.grader.fetch.GitFetcher;
import io.interleave.grader.fetch.GitRefusedException;
import io.interleave.grader.fetch.GitUnavailableException;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.Submission;
import io.interleave.grader.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader grade}: grades the exercises of one submission folder or git repository. */
@Command(name = "grade", header = "Grades a submission: compiles it with the hidden tests and runs them in a sandbox.",
        description = "SUBMISSION is a folder laid out like exercises/, e.g. SUBMISSION/fix-the-race/src/main/java/race/ChaiStock.java."
                + " Without --exercise, every exercise present in it is graded. With one --exercise, SUBMISSION may also be"
                + " that exercise's own folder (the one holding src/). With --git, the repository is laid out the same way.")
public final class GradeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SUBMISSION", arity = "0..1", description = "The submission folder (or use --git).")
    Path submission;

    @Option(names = "--git", paramLabel = "URL_OR_PATH", description = "Grade a git repository instead of a folder: it is"
            + " cloned (shallow where possible) into a private temporary folder, and the report names the commit graded.")
    String git;

    @Option(names = "--ref", paramLabel = "REF", description = "With --git: the branch or tag to grade. Default: the remote's default branch.")
    String ref;

    @Option(names = "--before", paramLabel = "DEADLINE", converter = DeadlineConverter.class, description = "With --git: grade"
            + " the last commit on REF made before DEADLINE (committer date; e.g. 2025-03-01T23:59:00Z); also the report's deadline.")
    Instant before;

    @Option(names = "--exercise", paramLabel = "SLUG", description = "Grade only this exercise (repeatable).")
    List<String> exercises = new ArrayList<>();

    @Mixin
    SandboxOption sandbox;

    @Mixin
    ReportOptions reportOptions;

    @Option(names = "--verbose", description = "Show stack traces of grader faults.")
    boolean verbose;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if ((git == null) == (submission == null)) {
            err.println("grader: pass either a SUBMISSION folder or --git URL_OR_PATH, " + (git == null ? "not neither" : "not both"));
            err.println("Try 'grader --help' for more information.");
            return ExitCodes.USAGE;
        }
        if (git == null && (ref != null || before != null)) {
            err.println("grader: --ref and --before choose a commit, so they need --git");
            err.println("Try 'grader --help' for more information.");
            return ExitCodes.USAGE;
        }
        if (git == null) {
            return grade(submission, Submission.folder(submission.toString()));
        }
        GitCheckout checkout;
        try {
            checkout = GitFetcher.fetch(git, ref, before);
        } catch (GitRefusedException e) {
            err.println("grader: " + e.getMessage());
            return ExitCodes.UNUSABLE_SUBMISSION;
        } catch (GitUnavailableException e) {
            err.println("grader: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        try (checkout) {
            err.println("grader: grading commit " + checkout.submission().commit()
                    + (checkout.submission().ref() == null ? "" : " of " + checkout.submission().ref()) + " from " + git);
            err.flush();
            return grade(checkout.dir(), checkout.submission());
        }
    }

    private int grade(Path submission, Submission graded) throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ExerciseCatalog catalog = ExerciseCatalog.bundled();
        for (String slug : exercises) {
            if (catalog.find(slug).isEmpty()) {
                err.println("grader: unknown exercise '" + slug + "'; the exercises are: " + String.join(", ", catalog.slugs()));
                err.println("Try 'grader list' to see them.");
                return ExitCodes.USAGE;
            }
        }
        if (!Files.isDirectory(submission)) {
            err.println("grader: " + submission + " is not a folder; pass the folder that holds your exercise folders"
                    + " (laid out like exercises/, e.g. SUBMISSION/fix-the-race/src/main/java/race/ChaiStock.java)");
            return ExitCodes.UNUSABLE_SUBMISSION;
        }
        List<Exercise> chosen = exercises.isEmpty()
                ? catalog.all().stream().filter(e -> Files.exists(submission.resolve(e.slug()))).toList()
                : exercises.stream().distinct().map(s -> catalog.find(s).orElseThrow()).toList();
        boolean singleExerciseFolder = chosen.size() == 1 && !Files.exists(submission.resolve(chosen.get(0).slug()))
                && Files.isDirectory(submission.resolve("src"));
        if (chosen.isEmpty()) {
            err.println("grader: no exercise folder in " + submission + "; expected one of: " + String.join(", ", catalog.slugs())
                    + " (laid out like exercises/)");
            return ExitCodes.UNUSABLE_SUBMISSION;
        }
        Optional<Sandbox> selected = sandbox.select(err);
        if (selected.isEmpty()) {
            return ExitCodes.ENVIRONMENT;
        }
        Sandbox box = selected.get();
        List<ExerciseReport> reports = new ArrayList<>();
        // several exercises take a while: say each one's result on standard error as soon as it is known
        try (Progress progress = chosen.size() > 1 ? Progress.start("grade", chosen.size(), "exercises", err, err) : null) {
            for (Exercise exercise : chosen) {
                Path exerciseDir = singleExerciseFolder ? submission : submission.resolve(exercise.slug());
                if (progress != null) {
                    progress.advance(0, exercise.slug());
                }
                long start = System.nanoTime();
                ExerciseReport done = Pipeline.grade(exercise, exerciseDir, box);
                reports.add(done);
                if (progress != null) {
                    progress.advance(1, exercise.slug() + " done");
                    progress.line(String.format(Locale.ROOT, "grader: graded %s: %d/%d in %.1f s (%d of %d)", exercise.slug(),
                            done.score(), done.maxScore(), (System.nanoTime() - start) / 1e9, reports.size(), chosen.size()));
                }
            }
        }
        GradeReport report = GradeReport.of(graded.deadline() == null && reportOptions.deadline != null
                ? graded.withDeadline(reportOptions.deadline.toString()) : graded, reports);
        if (!reportOptions.write(report, spec, System.getenv())) {
            return ExitCodes.USAGE;
        }
        return report.anyError() ? ExitCodes.UNUSABLE_SUBMISSION : report.fullMarks() ? ExitCodes.FULL_MARKS : ExitCodes.MARKS_LOST;
    }

    /** Writes {@code text} next to {@code file} and moves it into place, so a failure never leaves half a report. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + absolute.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
