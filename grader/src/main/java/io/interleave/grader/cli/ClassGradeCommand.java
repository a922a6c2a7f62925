package io.interleave.grader.cli;

import io.interleave.grader.Pipeline;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.fetch.GitCheckout;
import io.interleave.grader.fetch.GitFetcher;
import io.interleave.grader.fetch.GitRefusedException;
import io.interleave.grader.gradebook.CheckResult;
import io.interleave.grader.gradebook.Drift;
import io.interleave.grader.gradebook.Fingerprints;
import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.Gradebook;
import io.interleave.grader.gradebook.LatePolicy;
import io.interleave.grader.gradebook.ResultKey;
import io.interleave.grader.gradebook.ResultStatus;
import io.interleave.grader.gradebook.StudentRecord;
import io.interleave.grader.similarity.SubmissionSources;
import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.JsonReportWriter;
import io.interleave.grader.report.Submission;
import io.interleave.grader.roster.Repository;
import io.interleave.grader.roster.Roster;
import io.interleave.grader.roster.RosterException;
import io.interleave.grader.roster.RosterProblem;
import io.interleave.grader.roster.Shard;
import io.interleave.grader.roster.Student;
import io.interleave.grader.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader class grade}: grades every student of a roster into the gradebook, skipping what is graded already. */
@Command(name = "grade", header = "Grades every student of a roster into a gradebook; a rerun grades only what changed.",
        description = "ROSTER is a CSV file with the header student_id,name,email,section,repository and optionally ,due"
                + " (a student's own deadline). Each repository is a git URL, a path to a git repository, or a plain folder,"
                + " laid out like exercises/. Every result is committed to the gradebook as soon as it is known, so a run"
                + " that is killed resumes where it stopped.")
public final class ClassGradeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ROSTER", description = "The roster CSV file.")
    Path roster;

    @Option(names = "--gradebook", required = true, paramLabel = "FILE_OR_JDBC_URL", description = "The gradebook: a SQLite"
            + " file (made if missing), or a JDBC URL such as jdbc:postgresql://host/db?user=grader&password=...")
    String gradebook;

    @Mixin
    ClassGradeOptions grading;

    @Option(names = "--jobs", paramLabel = "N", description = "Gradings at once. Default: the CPUs here divided by the most"
            + " CPUs an exercise's timing checks need (limits.cpus), at least 1, so timing checks never share their CPUs.")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "I/N", converter = ShardConverter.class, description = "Grade only shard I of N:"
            + " the students whose id's SHA-256 falls in it, the same split on every machine; merge the shards' gradebooks"
            + " with `class merge`. Default: 1/1, the whole class.")
    Shard shard = Shard.ALL;

    @Mixin
    SandboxOption sandbox;

    @Option(names = "--verbose", description = "Show stack traces of grader faults.")
    boolean verbose;

    @Option(names = "--sources", paramLabel = "DIR", description = "Where to keep each graded submission's student files for"
            + " `class similarity`. Default: GRADEBOOK.sources beside a gradebook file; none for a JDBC URL unless given.")
    Path sourcesOption;

    /** Where this run keeps the student files it grades, or null. */
    private Path sources;

    /** What one run did, counted across the students graded at once. */
    private record Tally(AtomicInteger graded, AtomicInteger skipped, AtomicInteger unavailable, AtomicInteger drifts,
                         AtomicInteger faults) {
        Tally() {
            this(new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
        }
    }

    /** What one run grades with: shared by every student's task. */
    private record Run(Gradebook book, long id, Sandbox sandbox, List<Exercise> chosen, List<Exercise> catalog, LatePolicy late,
                       String graderVersion, Progress progress, Tally tally) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ExerciseCatalog catalog = ExerciseCatalog.bundled();
        Optional<String> problem = grading.problem(catalog);
        if (problem.isPresent()) {
            return usage(err, problem.get());
        }
        LatePolicy late = grading.late();
        if (jobs != null && jobs < 1) {
            return usage(err, "--jobs must be 1 or more");
        }
        Optional<Roster> read = readRoster(roster, err);
        if (read.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Roster students = read.get();
        List<Exercise> chosen = grading.chosen(catalog);
        int maxCpus = grading.maxCpus(catalog);
        int fair = Math.max(1, Runtime.getRuntime().availableProcessors() / maxCpus);
        int parallel = jobs != null ? jobs : fair;
        if (parallel > fair) {
            err.println("grader: warning: --jobs " + parallel + " runs more gradings at once than this machine's "
                    + Runtime.getRuntime().availableProcessors() + " CPUs allow for exercises whose timing checks need " + maxCpus
                    + " each (" + fair + " at once); checks that share their CPUs can fail correct answers");
        }
        Optional<Sandbox> selected = sandbox.select(err);
        if (selected.isEmpty()) {
            return ExitCodes.ENVIRONMENT;
        }
        sources = sourcesOption != null ? sourcesOption : SubmissionSources.besideGradebook(gradebook);
        try (Gradebook book = Gradebook.open(gradebook)) {
            book.putStudents(students.students().stream().map(s -> new StudentRecord(s.id(), s.name(), s.email(), s.section())).toList());
            long runId = book.startRun(Instant.now().toString(), String.join(" ", spec.commandLine().getParseResult().originalArgs()));
            Tally tally = new Tally();
            long start = System.nanoTime();
            List<Student> mine = students.students().stream().filter(s -> shard.contains(s.id())).toList();
            if (!shard.equals(Shard.ALL)) {
                out.println("shard " + shard + ": " + mine.size() + " of " + students.students().size() + " students");
                out.flush();
            }
            err.println("grader: grading " + mine.size() + " students, " + parallel + (parallel == 1 ? " grading" : " gradings")
                    + " at once, into " + book.shown());
            err.flush();
            try (Progress progress = Progress.start("class", mine.size(), "students", out, err);
                 ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
                Run run = new Run(book, runId, selected.get(), chosen, catalog.all(), late, graderVersion(), progress, tally);
                List<Future<?>> tasks = new ArrayList<>();
                for (Student student : mine) {
                    tasks.add(pool.submit(() -> {
                        gradeStudent(run, student);
                        return null;
                    }));
                }
                for (Future<?> task : tasks) {
                    try {
                        task.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw fault(e.getCause());
                    }
                }
            }
            out.println(String.format(Locale.ROOT, "class: %d student%s: %d graded, %d skipped as unchanged, %d unavailable, %d drift%s,"
                            + " %d faults, in %.1f s; gradebook %s", mine.size(), mine.size() == 1 ? "" : "s", tally.graded().get(), tally.skipped().get(),
                    tally.unavailable().get(), tally.drifts().get(), tally.drifts().get() == 1 ? "" : "s", tally.faults().get(),
                    (System.nanoTime() - start) / 1e9, book.shown()));
            out.flush();
            return tally.faults().get() > 0 ? ExitCodes.INTERNAL : tally.unavailable().get() > 0 ? ExitCodes.UNUSABLE_SUBMISSION : ExitCodes.FULL_MARKS;
        } catch (SQLException e) {
            err.println("grader: the gradebook " + gradebook + " cannot be used: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCodes.ENVIRONMENT;
        }
    }

    /** The roster, or empty after naming every bad line (or the missing file) and what to do. */
    static Optional<Roster> readRoster(Path roster, PrintWriter err) throws IOException {
        try {
            return Optional.of(Roster.read(roster));
        } catch (NoSuchFileException e) {
            usage(err, "no roster " + roster + "; pass a CSV file with the header " + String.join(",", Roster.COLUMNS));
        } catch (RosterException e) {
            for (RosterProblem problem : e.problems()) {
                err.println("grader: " + roster + " " + problem);
            }
            err.println("grader: nothing was graded; fix " + (e.problems().size() == 1 ? "that line" : "those "
                    + e.problems().size() + " lines") + " and run again");
        }
        return Optional.empty();
    }

    private static RuntimeException fault(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    static int usage(PrintWriter err, String message) {
        err.println("grader: " + message);
        err.println("Try 'grader --help' for more information.");
        return ExitCodes.USAGE;
    }

    /** The grader's version as the gradebook keys results by it: a new grader grades everything again. */
    static String graderVersion() {
        String version = ClassGradeCommand.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private void gradeStudent(Run run, Student student) throws SQLException, InterruptedException {
        Instant deadline = student.due() != null ? student.due() : grading.before;
        String who = student.id() + (student.name().isEmpty() ? "" : " (" + student.name() + ")");
        run.progress().advance(0, who);
        try {
            switch (student.repository()) {
                case Repository.Git git -> {
                    try (GitCheckout checkout = GitFetcher.fetch(git.source(), null, deadline == null ? null : run.late().horizon(deadline))) {
                        gradeTree(run, student, who, checkout.dir(), checkout.submission(), deadline);
                    }
                }
                case Repository.Folder folder -> gradeTree(run, student, who, folder.dir(),
                        Submission.folder(folder.dir().toString()), deadline);
            }
        } catch (GitRefusedException | IOException e) {
            unavailable(run, student, who, e.getMessage());
        } catch (RuntimeException e) {
            run.tally().faults().incrementAndGet();
            run.progress().line("grader: " + who + ": internal fault: " + e + (verbose ? "" : " (rerun with --verbose for the stack trace)"));
            if (verbose) {
                PrintWriter err = spec.commandLine().getErr();
                e.printStackTrace(err);
                err.flush();
            }
        }
        run.progress().advance(1, who + " done");
    }

    private static void unavailable(Run run, Student student, String who, String reason) throws SQLException {
        run.book().recordUnavailable(new GradeResult(ResultKey.unavailable(student.id(), run.graderVersion()), ResultStatus.UNAVAILABLE,
                0, 0, 0, 0, 0, null, null, 0, Instant.now().toString(), reason, null, List.of()), run.id());
        run.tally().unavailable().incrementAndGet();
        run.progress().line("grader: " + who + ": unavailable: " + reason);
    }

    private void gradeTree(Run run, Student student, String who, Path dir, Submission submission, Instant deadline)
            throws SQLException, IOException, InterruptedException {
        List<Exercise> present = run.chosen().isEmpty()
                ? run.catalog().stream().filter(e -> Files.isDirectory(dir.resolve(e.slug()))).toList() : run.chosen();
        if (present.isEmpty()) {
            unavailable(run, student, who, "no exercise folder in " + student.repository().shown() + (submission.commit() == null ? ""
                    : " at commit " + submission.commit()) + "; expected one of: "
                    + run.catalog().stream().map(Exercise::slug).collect(Collectors.joining(", ")) + " (laid out like exercises/)");
            return;
        }
        Submission graded = deadline == null ? submission : submission.withDeadline(deadline.toString());
        for (Exercise exercise : present) {
            Path exerciseDir = dir.resolve(exercise.slug());
            String commit = submission.commit() != null ? submission.commit()
                    : "folder:" + (Files.isDirectory(exerciseDir) ? Fingerprints.ofFolder(exerciseDir) : "missing");
            ResultKey key = new ResultKey(student.id(), exercise.slug(), commit, run.graderVersion(), Fingerprints.of(exercise));
            if (sources != null) {
                SubmissionSources.keep(sources, exercise, student.id(), commit, exerciseDir);
            }
            Optional<Integer> recorded = run.book().recordedScore(key, run.id());
            if (recorded.isPresent() && !grading.regrade) {
                run.tally().skipped().incrementAndGet();
                run.progress().line("grader: " + who + ": " + exercise.slug() + " unchanged since graded (" + shortCommit(commit)
                        + ", " + recorded.get() + "/" + exercise.manifest().maxScore() + "), skipped");
                continue;
            }
            long start = System.nanoTime();
            ExerciseReport report = Pipeline.grade(exercise, exerciseDir, run.sandbox());
            long millis = (System.nanoTime() - start) / 1_000_000;
            GradeResult result = result(key, report, graded, deadline, run.late(), millis);
            if (recorded.isPresent()) {
                compare(run, who, key, recorded.get(), result);
                continue;
            }
            run.book().record(result, run.id());
            run.tally().graded().incrementAndGet();
            run.progress().line(String.format(Locale.ROOT, "grader: %s: %s %d/%d %s%s, %s, %.1f s", who, exercise.slug(), report.score(),
                    report.maxScore(), report.status().id(), result.lateDays() == 0 ? "" : String.format(Locale.ROOT,
                            ", %d days late (-%.0f %%: %.1f)", result.lateDays(), result.penaltyPercent(), result.finalScore()),
                    shortCommit(commit), millis / 1000.0));
        }
    }

    private static void compare(Run run, String who, ResultKey key, int recorded, GradeResult again) throws SQLException {
        run.tally().graded().incrementAndGet();
        if (recorded == again.score()) {
            run.progress().line("grader: " + who + ": " + key.exercise() + " graded again: " + again.score() + "/" + again.maxScore()
                    + " as before");
            return;
        }
        Map<String, CheckResult> before = run.book().checks(key);
        String changed = again.checks().stream()
                .filter(c -> before.get(c.name()) == null || !before.get(c.name()).status().equals(c.status()))
                .map(c -> c.name() + " " + (before.get(c.name()) == null ? "new" : before.get(c.name()).status()) + " -> " + c.status())
                .collect(Collectors.joining(", "));
        run.book().recordDrift(new Drift(key, recorded, again.score(), changed, Instant.now().toString()));
        run.tally().drifts().incrementAndGet();
        run.progress().line("grader: " + who + ": " + key.exercise() + " flaky check? the same " + shortCommit(key.commit())
                + " with the same grader scored " + recorded + " before and " + again.score() + " now ("
                + (changed.isEmpty() ? "no check changed status" : changed) + "); the first score is kept, the drift recorded");
    }

    private static GradeResult result(ResultKey key, ExerciseReport report, Submission graded, Instant deadline, LatePolicy late, long millis) {
        int lateDays = deadline == null || graded.committedAt() == null ? 0 : LatePolicy.lateDays(Instant.parse(graded.committedAt()), deadline);
        double penalty = late.penaltyPercent(lateDays);
        List<CheckResult> checks = report.checks().stream().map(ClassGradeCommand::check).toList();
        return new GradeResult(key, ResultStatus.of(report.status()), report.score(), report.maxScore(), lateDays, penalty,
                report.score() * (100 - penalty) / 100, graded.committedAt(), graded.deadline(), millis, Instant.now().toString(), null,
                new JsonReportWriter().write(GradeReport.of(graded, List.of(report))), checks);
    }

    private static CheckResult check(CheckReport check) {
        return new CheckResult(check.name(), check.status().id(), check.score(), check.maxScore(), check.durationMs());
    }

    private static String shortCommit(String commit) {
        return commit.startsWith("folder:") ? "folder " + commit.substring(7, Math.min(commit.length(), 19))
                : "commit " + commit.substring(0, Math.min(12, commit.length()));
    }
}
