package io.interleave.grader;

import io.interleave.grader.exercise.CheckSpec;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.Limits;
import io.interleave.grader.exercise.Manifest;
import io.interleave.grader.fetch.FetchResult;
import io.interleave.grader.fetch.SourceFile;
import io.interleave.grader.fetch.SubmissionLoader;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.run.GradingJvm;
import io.interleave.grader.run.RunResult;
import io.interleave.grader.runner.Precompiled;
import io.interleave.grader.runner.RunJob;
import io.interleave.grader.sandbox.Sandbox;
import io.interleave.grader.score.Scorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Grades one exercise of a submission: takes the student's files, runs the grading JVM in the sandbox, scores. */
public final class Pipeline {
    /** Seconds before the hard limit at which the grading JVM reports its threads and stops. */
    static final int STACKS_MARGIN_SECONDS = 2;
    /** Fresh grading JVMs at most per exercise for the checks that a check which killed the JVM kept from running. */
    static final int MAX_RERUNS = 2;
    /** A rerun needs at least this much wall clock to start a JVM and decide anything. */
    static final int MIN_RERUN_SECONDS = 10;

    private Pipeline() {
    }

    public static ExerciseReport grade(Exercise exercise, Path exerciseDir, Sandbox sandbox) throws IOException, InterruptedException {
        return grade(exercise, exerciseDir, sandbox, true);
    }

    /**
     * Grades as above; with {@code enforcePolicy} false, code that breaks the platform rules still runs (it still
     * loses the rules' points). Only the grader's own containment tests do that, to prove the sandbox holds alone.
     */
    public static ExerciseReport grade(Exercise exercise, Path exerciseDir, Sandbox sandbox, boolean enforcePolicy)
            throws IOException, InterruptedException {
        Manifest manifest = exercise.manifest();
        return switch (SubmissionLoader.load(exerciseDir, exercise)) {
            case FetchResult.Refused refused -> Scorer.refused(manifest, refused.refusals(), sandbox.name());
            case FetchResult.Accepted accepted -> {
                RunJob job = job(exercise, accepted.studentFiles(), enforcePolicy, false);
                long started = System.nanoTime();
                RunResult run = GradingJvm.run(sandbox, manifest.limits(), manifest.tools(), job, () -> trainingJob(exercise));
                yield Scorer.score(manifest, run, reruns(exercise, job, run, sandbox, started));
            }
        };
    }

    /**
     * When a check killed the grading JVM (out of memory, a stack overflow that took the JVM down, exit, halt), runs
     * the checks it kept from running in a fresh grading JVM, so that the crash costs only the check that caused it.
     * Bounded: at most {@link #MAX_RERUNS} reruns, and the whole grading within twice the exercise's wall-clock
     * limit: a rerun gets what is left of the limit, but at least half of it (a check that filled the heap slowly on a
     * loaded machine must not leave the checks after it without time). The time used is the grading's own clock since
     * {@code startedNanos}, sandbox set-up and tear-down included, not only the JVMs' run time: killing what a fork
     * bomb left in the sandbox took tens of seconds on a loaded machine, and a budget that ignored it let a grading
     * of a 30 s limit run 94 s. Only after a run that died inside a known check (never after a timeout or an output
     * flood, which have their own rules, nor after a death while compiling or outside every check).
     */
    static List<RunResult> reruns(Exercise exercise, RunJob job, RunResult first, Sandbox sandbox, long startedNanos)
            throws IOException, InterruptedException {
        Manifest manifest = exercise.manifest();
        List<RunResult> reruns = new ArrayList<>();
        RunResult last = first;
        long limitMillis = manifest.limits().timeoutSeconds() * 1000L;
        while (reruns.size() < MAX_RERUNS && !last.timedOut() && last.flood() == null && Scorer.culprit(last).isPresent()) {
            long usedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
            long leftMillis = Math.min(Math.max(limitMillis - usedMillis, limitMillis / 2), 2 * limitMillis - usedMillis);
            if (leftMillis < MIN_RERUN_SECONDS * 1000L) {
                break;
            }
            List<RunResult> runs = new ArrayList<>(reruns);
            runs.addFirst(first);
            List<CheckSpec> undecided = Scorer.undecided(manifest, runs);
            if (undecided.isEmpty()) {
                break;
            }
            Limits limits = manifest.limits();
            Limits rest = new Limits((int) (leftMillis / 1000), limits.memoryMb(), limits.cpus());
            RunJob again = withChecks(job, undecided, rest.timeoutSeconds());
            last = GradingJvm.run(sandbox, rest, manifest.tools(), again, () -> trainingJob(exercise));
            reruns.add(last);
        }
        return reruns;
    }

    /** {@code job} with only {@code checks} left to run, within {@code timeoutSeconds} of wall clock. */
    static RunJob withChecks(RunJob job, List<CheckSpec> checks, int timeoutSeconds) {
        return new RunJob(job.slug(), job.packageName(), job.sources(), checks, job.permissions(),
                job.testTimeoutSeconds(), (timeoutSeconds - STACKS_MARGIN_SECONDS) * 1000L, job.stress(), job.enforcePolicy(), job.training(),
                job.precompiled());
    }

    /** Trains the exercise's start-up cache for {@code sandbox} now (see {@code grader prepare}); the cache, if used. */
    public static Optional<Path> prepare(Exercise exercise, Sandbox sandbox) {
        return GradingJvm.prepare(sandbox, exercise.manifest().limits(), exercise.manifest().tools(),
                () -> trainingJob(exercise));
    }

    public static RunJob job(Exercise exercise, List<SourceFile> studentFiles, boolean enforcePolicy, boolean training) {
        Manifest manifest = exercise.manifest();
        List<SourceFile> sources = new ArrayList<>(studentFiles);
        addGraderFiles(exercise, manifest.givenFiles(), SourceFile.Role.GIVEN, sources);
        addGraderFiles(exercise, manifest.publicTests(), SourceFile.Role.PUBLIC_TEST, sources);
        addGraderFiles(exercise, manifest.hiddenTests(), SourceFile.Role.HIDDEN_TEST, sources);
        addGraderFiles(exercise, manifest.stressTests(), SourceFile.Role.STRESS_TEST, sources);
        int timeout = manifest.limits().timeoutSeconds();
        return new RunJob(manifest.slug(), manifest.packageName(), sources, manifest.checks(), manifest.permissions(),
                Math.max(2, Math.min(10, timeout / 3)), (timeout - STACKS_MARGIN_SECONDS) * 1000L,
                new RunJob.StressOptions("default", 1, 200, 1, manifest.limits().cpus()), enforcePolicy, training,
                precompiled(exercise));
    }

    /** The grader's own classes of the exercise, compiled at build time; null when this build has none. */
    static Precompiled precompiled(Exercise exercise) {
        Map<String, byte[]> classes = classFiles(exercise, Precompiled.CLASSES);
        Map<String, byte[]> stub = classFiles(exercise, Precompiled.STUB);
        if (classes.isEmpty() || stub.isEmpty()) {
            return null;
        }
        return new Precompiled(classes, stub, classFiles(exercise, Precompiled.HARNESS),
                exercise.text(Precompiled.TEST_LIST).orElse(""));
    }

    private static Map<String, byte[]> classFiles(Exercise exercise, String folder) {
        Map<String, byte[]> classes = new HashMap<>();
        exercise.files().forEach((path, bytes) -> {
            if (path.startsWith(folder) && path.endsWith(".class")) {
                classes.put(path.substring(folder.length(), path.length() - ".class".length()).replace('/', '.'), bytes);
            }
        });
        return classes;
    }

    /** A job that grades the exercise's own stub: trusted code to train the grading JVM's start-up cache on. */
    static RunJob trainingJob(Exercise exercise) {
        List<SourceFile> stub = exercise.manifest().studentFiles().stream()
                .map(path -> new SourceFile(path, SourceFile.Role.STUDENT, exercise.text(path).orElseThrow(() ->
                        new IllegalStateException("exercise " + exercise.slug() + " has no stub " + path))))
                .toList();
        return job(exercise, stub, true, true);
    }

    private static void addGraderFiles(Exercise exercise, List<String> paths, SourceFile.Role role, List<SourceFile> into) {
        for (String path : paths) {
            String text = exercise.text(path).orElseThrow(() -> new IllegalStateException(
                    "exercise " + exercise.slug() + " lacks its own copy of " + path));
            into.add(new SourceFile(path, role, text));
        }
    }
}
