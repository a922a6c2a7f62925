package io.interleave.grader.score;

import io.interleave.grader.compile.CompileDiagnostic;
import io.interleave.grader.exercise.CheckKind;
import io.interleave.grader.exercise.CheckSpec;
import io.interleave.grader.exercise.Manifest;
import io.interleave.grader.fetch.Refusal;
import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.CheckStatus;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.ExerciseStatus;
import io.interleave.grader.report.Finding;
import io.interleave.grader.run.RunResult;
import io.interleave.grader.runner.RunnerEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scores an exercise from the checks its manifest expects and the events that verified. Only the grader
 * decides: a check that did not report counts as failed, with the reason the run ended.
 */
public final class Scorer {
    private static final int MAX_DIAGNOSTICS = 10;
    private static final Pattern SOURCE_LINE = Pattern.compile("\\(([\\w$]+\\.java):(\\d+)\\)");

    private Scorer() {
    }

    /** The report of an exercise whose files were refused: nothing ran. */
    public static ExerciseReport refused(Manifest manifest, List<Refusal> refusals, String sandbox) {
        String why = refusals.stream().map(Refusal::toString).collect(Collectors.joining("; "));
        List<CheckReport> checks = new ArrayList<>();
        for (CheckSpec check : manifest.checks()) {
            checks.add(switch (check.kind()) {
                case COMPILE -> report(check, CheckStatus.ERROR, "not graded: " + why, 0);
                case STRUCTURE, TEST, STRESS -> report(check, CheckStatus.SKIPPED, "not run: the submission was refused", 0);
            });
        }
        return exercise(manifest, ExerciseStatus.ERROR, "not graded: " + why, sandbox, checks);
    }

    /** The report of an exercise whose grading JVM ran (or tried to) once. */
    public static ExerciseReport score(Manifest manifest, RunResult run) {
        return score(manifest, run, List.of());
    }

    /**
     * The report of an exercise whose first grading JVM {@code run} died in a check, and whose {@code reruns} (fresh
     * JVMs, in order) ran the checks it had kept from running. Compiling, the platform rules and the exercise's
     * status come from the first run; each test check is scored from the run that reported it. A check that never
     * reported in any run still counts as failed, with the reason the run it was in ended.
     */
    public static ExerciseReport score(Manifest manifest, RunResult run, List<RunResult> reruns) {
        List<RunResult> runs = new ArrayList<>();
        runs.add(run);
        runs.addAll(reruns);
        Optional<RunnerEvent.Compiled> compiled = run.eventsOf(RunnerEvent.Compiled.class).stream().findFirst();
        Optional<RunnerEvent.StructureChecked> structure = run.eventsOf(RunnerEvent.StructureChecked.class).stream().findFirst();
        String ending = ending(run);
        boolean compileFailed = compiled.isPresent() && !compiled.get().ok();
        boolean ruleBroken = structure.isPresent() && !structure.get().violations().isEmpty();
        List<CheckReport> checks = new ArrayList<>();
        for (CheckSpec check : manifest.checks()) {
            checks.add(switch (check.kind()) {
                case COMPILE -> compiled.map(c -> compileCheck(check, c))
                        .orElseGet(() -> report(check, CheckStatus.ERROR, "the grading JVM did not compile anything: " + ending, 0));
                case STRUCTURE -> {
                    if (compileFailed) {
                        yield report(check, CheckStatus.SKIPPED, "not run: the code does not compile", 0);
                    }
                    yield structure.map(s -> s.violations().isEmpty()
                                    ? report(check, CheckStatus.PASS, "keeps to the platform rules", s.durationMs())
                                    : report(check, CheckStatus.FAIL, "breaks the platform rules: " + String.join("; ", s.violations()),
                                            s.durationMs(), violationFindings(manifest, s.violations())))
                            .orElseGet(() -> report(check, CheckStatus.FAIL, "did not report: " + ending, 0));
                }
                case TEST, STRESS -> {
                    if (compileFailed) {
                        yield report(check, CheckStatus.SKIPPED, "not run: the code does not compile", 0);
                    }
                    if (ruleBroken && !testsRan(check, run)) {
                        yield report(check, CheckStatus.SKIPPED, "not run: the code breaks the platform rules (see the structure check)", 0);
                    }
                    yield testCheck(check, runs);
                }
            });
        }
        ExerciseStatus status;
        String message;
        if (compiled.isEmpty() || compileFailed) {
            status = ExerciseStatus.ERROR;
            message = compiled.isEmpty() ? "could not be graded: " + ending : "does not compile";
        } else {
            long lost = checks.stream().filter(c -> c.score() < c.maxScore()).count();
            status = lost == 0 ? ExerciseStatus.PASS : ExerciseStatus.FAIL;
            message = lost == 0 ? "all checks passed" : lost + (lost == 1 ? " check" : " checks") + " lost marks";
            if (!run.finished() && lost > 0) {
                message += "; " + ending;
            }
            if (!reruns.isEmpty()) {
                // the reruns ran only what the first run left undecided: what they decided is the difference
                long rerun = undecided(manifest, List.of(run)).size() - undecided(manifest, runs).size();
                message += "; the grading JVM stopped in a check, so the " + rerun + (rerun == 1 ? " check" : " checks")
                        + " it had not run yet ran again in a fresh one (" + reruns.size()
                        + (reruns.size() == 1 ? " rerun" : " reruns") + ")";
            }
            // a check worth no points (evidence, like a jcstress run) keeps nothing, so it needs no rerun
            long inconclusive = checks.stream().filter(c -> c.status() == CheckStatus.INCONCLUSIVE && c.maxScore() > 0).count();
            if (inconclusive > 0) {
                message += "; " + inconclusive + " inconclusive (kept their points; a rerun on a quieter machine can confirm them)";
            }
        }
        if (run.forgedLines() > 0) {
            message += String.format(Locale.ROOT, "; ignored %,d line%s of output that imitated grader results",
                    run.forgedLines(), run.forgedLines() == 1 ? "" : "s");
        }
        return exercise(manifest, status, message, run.sandbox(), checks);
    }

    private static CheckReport compileCheck(CheckSpec check, RunnerEvent.Compiled compiled) {
        if (compiled.ok()) {
            return report(check, CheckStatus.PASS, "compiles", compiled.durationMs());
        }
        if (compiled.crash() != null) {
            return report(check, CheckStatus.ERROR, compiled.crash(), compiled.durationMs());
        }
        List<CompileDiagnostic> errors = compiled.diagnostics().stream().filter(d -> d.kind().equals("error")).toList();
        List<String> lines = new ArrayList<>();
        List<CompileDiagnostic> student = errors.stream().filter(CompileDiagnostic::inStudentFile).toList();
        for (CompileDiagnostic d : student.stream().limit(MAX_DIAGNOSTICS).toList()) {
            lines.add(d.path() + ":" + d.line() + ": " + firstLine(d.message()));
        }
        long graderSide = errors.size() - student.size();
        if (graderSide > 0) {
            lines.add("the exercise's tests do not compile against your code (" + graderSide
                    + (graderSide == 1 ? " error" : " errors") + "): keep the public signatures of the contract as they are"
                    + graderSideHint(errors));
        }
        if (student.size() > MAX_DIAGNOSTICS) {
            lines.add("… and " + (student.size() - MAX_DIAGNOSTICS) + " more errors");
        }
        List<Finding> findings = student.stream().limit(MAX_DIAGNOSTICS)
                .map(d -> new Finding(d.path(), (int) Math.max(0, d.line()), firstLine(d.message()))).toList();
        return report(check, CheckStatus.ERROR, "compile errors: " + String.join("; ", lines), compiled.durationMs(), findings);
    }

    /** The places named by ArchUnit's "... in (File.java:12)", mapped to the student file of that name. */
    static List<Finding> violationFindings(Manifest manifest, List<String> violations) {
        List<Finding> findings = new ArrayList<>();
        for (String violation : violations) {
            Matcher where = SOURCE_LINE.matcher(violation);
            if (where.find()) {
                String file = where.group(1);
                String path = manifest.studentFiles().stream().filter(p -> p.endsWith("/" + file)).findFirst()
                        .orElse(manifest.packageDir() + file);
                findings.add(new Finding(path, Integer.parseInt(where.group(2)), violation));
            }
        }
        return findings;
    }

    /** Names the missing symbols from errors in the grader's files, without showing any of their source. */
    private static String graderSideHint(List<CompileDiagnostic> errors) {
        List<String> symbols = errors.stream().filter(d -> !d.inStudentFile())
                .map(d -> d.message().lines().filter(l -> l.strip().startsWith("symbol:")).findFirst().orElse(""))
                .filter(s -> !s.isEmpty()).map(String::strip).distinct().limit(3).toList();
        return symbols.isEmpty() ? "" : " (" + String.join(", ", symbols) + ")";
    }

    private static List<RunnerEvent.CheckFinished> reportsOf(CheckSpec check, RunResult run) {
        return run.eventsOf(RunnerEvent.CheckFinished.class).stream()
                .filter(e -> e.test().equals(check.test()) || e.test().equals(check.testClass() + "#*"))
                .toList();
    }

    /** Whether the tests ran although the rules were broken (only when the policy is not enforced). */
    private static boolean testsRan(CheckSpec check, RunResult run) {
        return !reportsOf(check, run).isEmpty() || !run.eventsOf(RunnerEvent.Started.class).isEmpty() && !run.finished();
    }

    private static CheckReport testCheck(CheckSpec check, List<RunResult> runs) {
        List<RunnerEvent.CheckFinished> reports = runs.stream().flatMap(r -> reportsOf(check, r).stream()).toList();
        if (reports.isEmpty()) {
            Optional<RunResult> diedIn = runs.stream().filter(r -> culprit(r).filter(check.test()::equals).isPresent())
                    .findFirst();
            if (diedIn.isPresent() && runs.size() > 1) {
                return report(check, CheckStatus.FAIL, "did not report: " + ending(diedIn.get()) + "; this check was "
                        + "running when that happened (the checks it kept from running ran again in a fresh grading JVM)", 0);
            }
            return report(check, CheckStatus.FAIL, "did not report: " + ending(diedIn.orElse(runs.getLast())), 0);
        }
        RunnerEvent.CheckFinished worst = reports.stream().max(Comparator.comparingInt(e -> severity(e.outcome()))).orElseThrow();
        long duration = reports.stream().mapToLong(RunnerEvent.CheckFinished::durationMs).sum();
        CheckStatus status = switch (worst.outcome()) {
            case PASSED -> CheckStatus.PASS;
            case FAILED -> CheckStatus.FAIL;
            case ABORTED, INCONCLUSIVE -> CheckStatus.INCONCLUSIVE;
            case SKIPPED -> CheckStatus.SKIPPED;
        };
        String message = worst.message() == null || worst.message().isBlank()
                ? (status == CheckStatus.PASS ? "passed" : status.id()) : worst.message();
        return report(check, status, message, duration);
    }

    /**
     * The check a grading JVM was running when it died: one that started and never finished in a run that did not
     * finish; empty when the run finished, or died outside any test (compiling, between checks, in a stress run).
     */
    public static Optional<String> culprit(RunResult run) {
        if (run.finished()) {
            return Optional.empty();
        }
        List<String> finished = run.eventsOf(RunnerEvent.CheckFinished.class).stream().map(RunnerEvent.CheckFinished::test)
                .toList();
        return run.eventsOf(RunnerEvent.CheckStarted.class).stream().map(RunnerEvent.CheckStarted::test)
                .filter(t -> !finished.contains(t) && !finished.contains(t.substring(0, Math.max(0, t.indexOf('#'))) + "#*"))
                .reduce((first, second) -> second);
    }

    /**
     * The test and stress checks that no run has decided: none of them reported one, and none died while running it.
     * These are what a rerun in a fresh grading JVM runs.
     */
    public static List<CheckSpec> undecided(Manifest manifest, List<RunResult> runs) {
        return manifest.checks().stream()
                .filter(c -> c.kind() == CheckKind.TEST
                        || c.kind() == CheckKind.STRESS)
                .filter(c -> runs.stream().allMatch(r -> reportsOf(c, r).isEmpty()
                        && culprit(r).filter(c.test()::equals).isEmpty()))
                .toList();
    }

    private static int severity(RunnerEvent.Outcome outcome) {
        return switch (outcome) {
            case PASSED -> 0;
            case INCONCLUSIVE, ABORTED -> 1;
            case SKIPPED -> 2;
            case FAILED -> 3;
        };
    }

    /**
     * The words for a JVM that ran out of threads or memory, as {@code text} (its error output, or the error its runner
     * died of) shows; {@code threadDetail} follows the thread limit. Empty when it shows neither.
     */
    private static Optional<String> outOfResources(String text, String threadDetail) {
        if (text.contains("unable to create native thread") || text.contains("unable to create new native thread")) {
            return Optional.of("the program started more threads than the sandbox allows ("
                    + io.interleave.grader.run.GradingJvm.MAX_TASKS + " tasks)" + threadDetail + "; the JVM stopped");
        }
        if (text.contains("OutOfMemoryError")) {
            return Optional.of("the program ran out of memory (the heap limit is half of the exercise's memory limit); the JVM stopped");
        }
        return Optional.empty();
    }

    /** Why a run ended before every check reported, in words a student understands. */
    static String ending(RunResult run) {
        if (run.flood() != null) {
            return String.format(Locale.ROOT, "the run was stopped because the program wrote more than %,d MiB to %s",
                    io.interleave.grader.run.GradingJvm.FLOOD_LIMIT / (1024 * 1024), run.flood());
        }
        Optional<RunnerEvent.Died> died = run.eventsOf(RunnerEvent.Died.class).stream().findFirst();
        if (died.isPresent()) {
            String cause = died.get().cause();
            return outOfResources(cause, ", so the checks could not start theirs (" + cause + ")")
                    .orElse("the grading JVM stopped on " + cause);
        }
        Optional<RunnerEvent.ExitCalled> exit = run.eventsOf(RunnerEvent.ExitCalled.class).stream().findFirst();
        if (exit.isPresent()) {
            return "the program called System.exit(" + run.exitCode() + ") during the tests, at " + exit.get().where();
        }
        Optional<RunnerEvent.Stacks> stacks = run.eventsOf(RunnerEvent.Stacks.class).stream().findFirst();
        if (run.timedOut() || stacks.isPresent()) {
            String still = stacks.map(s -> s.threads().isEmpty() ? "" : "; still running: " + String.join("; ", s.threads().subList(0, Math.min(4, s.threads().size())))).orElse("");
            return "timed out after " + run.timeoutSeconds() + " s" + still;
        }
        String err = run.stderrExcerpt();
        Optional<String> outOf = outOfResources(err, "");
        if (outOf.isPresent()) {
            return outOf.get();
        }
        if (run.finished()) {
            return "the run finished";
        }
        if (run.events().isEmpty()) {
            return "the grading JVM did not start (exit code " + run.exitCode() + ")" + (err.isEmpty() ? "" : ": " + firstLine(err));
        }
        return "the grading JVM stopped (exit code " + run.exitCode() + ") before every check reported; Runtime.halt or a crash?";
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").strip();
    }

    private static CheckReport report(CheckSpec check, CheckStatus status, String message, long durationMs) {
        return report(check, status, message, durationMs, List.of());
    }

    private static CheckReport report(CheckSpec check, CheckStatus status, String message, long durationMs, List<Finding> findings) {
        int score = status == CheckStatus.PASS || status == CheckStatus.INCONCLUSIVE ? check.points() : 0;
        return new CheckReport(check.name(), check.title(), check.kind(), check.hidden(), check.task(), status, score,
                check.points(), message, durationMs, findings);
    }

    private static ExerciseReport exercise(Manifest manifest, ExerciseStatus status, String message, String sandbox,
                                           List<CheckReport> checks) {
        return new ExerciseReport(manifest.slug(), manifest.title(), checks.stream().mapToInt(CheckReport::score).sum(),
                manifest.maxScore(), status, message, sandbox, manifest.hiddenChecks(), checks);
    }
}
