package io.interleave.grader.score;

import io.interleave.grader.exercise.CheckKind;
import io.interleave.grader.exercise.CheckSpec;
import io.interleave.grader.exercise.Limits;
import io.interleave.grader.exercise.Manifest;
import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.CheckStatus;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.ExerciseStatus;
import io.interleave.grader.run.RunResult;
import io.interleave.grader.runner.RunnerEvent;
import io.interleave.grader.runner.RunnerEvent.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Scoring")
class ScorerTest {
    private final Manifest manifest = new Manifest("fix-the-race", "Fix the race", "races", "race",
            List.of("src/main/java/race/ChaiStock.java"), List.of(), List.of(), List.of(), List.of(), Set.of(),
            new Limits(30, 512, 2), List.of(
                    new CheckSpec("compiles", CheckKind.COMPILE, 0, 0, null),
                    new CheckSpec("platform-rules", CheckKind.STRUCTURE, 0, 1, null),
                    new CheckSpec("no-lost-restocks", CheckKind.TEST, 1, 3, "race.T#restock"),
                    new CheckSpec("no-oversell", CheckKind.TEST, 2, 3, "race.T#sell"),
                    new CheckSpec("last-cup-jcstress", CheckKind.STRESS, 2, 2, "race.LastCupStress")));

    private static RunResult run(boolean finished, int exit, boolean timedOut, long forged, RunnerEvent... events) {
        List<RunnerEvent> all = new ArrayList<>(List.of(new RunnerEvent.Started("25", 2, 256),
                new RunnerEvent.Compiled(true, List.of(), null, 10), new RunnerEvent.StructureChecked(List.of(), 5)));
        all.addAll(List.of(events));
        if (finished) {
            all.add(new RunnerEvent.Finished(100));
        }
        return new RunResult(all, exit, timedOut, 30, null, forged, "", 100, "bwrap");
    }

    private static CheckReport check(ExerciseReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("gives full marks only when every expected check reported a pass")
    void fullMarks() {
        ExerciseReport report = Scorer.score(manifest, run(true, 0, false, 0,
                new RunnerEvent.CheckFinished("race.T#restock", Outcome.PASSED, "", 1),
                new RunnerEvent.CheckFinished("race.T#sell", Outcome.PASSED, "", 1),
                new RunnerEvent.CheckFinished("race.LastCupStress", Outcome.PASSED, "", 1)));
        assertThat(report.status()).isEqualTo(ExerciseStatus.PASS);
        assertThat(report.score()).isEqualTo(9).isEqualTo(report.maxScore());
    }

    @Test
    @DisplayName("counts a check that never reported as failed, with the reason the run ended")
    void missingCheckFails() {
        ExerciseReport report = Scorer.score(manifest, run(false, 0, false, 0,
                new RunnerEvent.CheckFinished("race.T#restock", Outcome.PASSED, "", 1),
                new RunnerEvent.ExitCalled("race.ChaiStock.sell(ChaiStock.java:9)")));
        assertThat(check(report, "no-oversell").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "no-oversell").message()).contains("System.exit(0)").contains("ChaiStock.java:9");
        assertThat(report.score()).isEqualTo(4);
    }

    @Test
    @DisplayName("reports a timeout with the threads that were still running")
    void timeout() {
        ExerciseReport report = Scorer.score(manifest, run(false, -1, true, 0,
                new RunnerEvent.Stacks("time limit", List.of("thread 'worker' (RUNNABLE) at race.ChaiStock.sell(ChaiStock.java:12)"))));
        assertThat(check(report, "no-lost-restocks").message()).contains("timed out after 30 s").contains("ChaiStock.java:12");
        assertThat(report.status()).isEqualTo(ExerciseStatus.FAIL);
    }

    @Test
    @DisplayName("keeps the points of an inconclusive check and says so")
    void inconclusive() {
        ExerciseReport report = Scorer.score(manifest, run(true, 0, false, 3,
                new RunnerEvent.CheckFinished("race.T#restock", Outcome.PASSED, "", 1),
                new RunnerEvent.CheckFinished("race.T#sell", Outcome.PASSED, "", 1),
                new RunnerEvent.CheckFinished("race.LastCupStress", Outcome.INCONCLUSIVE, "too few samples", 1)));
        assertThat(check(report, "last-cup-jcstress").status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(report.score()).isEqualTo(report.maxScore());
        assertThat(report.message()).contains("1 inconclusive").contains("ignored 3 lines of output that imitated grader results");
    }

    @Test
    @DisplayName("skips the tests of code that breaks the platform rules, and scores them zero")
    void rulesBroken() {
        List<RunnerEvent> events = List.of(new RunnerEvent.Started("25", 2, 256), new RunnerEvent.Compiled(true, List.of(), null, 1),
                new RunnerEvent.StructureChecked(List.of("calls System.exit (ChaiStock.java:3)"), 1), new RunnerEvent.Finished(5));
        ExerciseReport report = Scorer.score(manifest, new RunResult(events, 0, false, 30, null, 0, "", 10, "bwrap"));
        assertThat(check(report, "platform-rules").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "no-lost-restocks").status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(report.score()).isZero();
    }

    private static RunResult outOfMemory(RunnerEvent... events) {
        List<RunnerEvent> all = new ArrayList<>(List.of(new RunnerEvent.Started("25", 2, 256),
                new RunnerEvent.Compiled(true, List.of(), null, 10), new RunnerEvent.StructureChecked(List.of(), 5)));
        all.addAll(List.of(events));
        return new RunResult(all, 3, false, 30, null, 0, "Terminating due to java.lang.OutOfMemoryError: Java heap space",
                4_000, "bwrap");
    }

    @Test
    @DisplayName("names the check a dead grading JVM was running, and the checks it kept from running as undecided")
    void culpritAndUndecided() {
        RunResult died = outOfMemory(new RunnerEvent.CheckStarted("race.T#restock"),
                new RunnerEvent.CheckFinished("race.T#restock", Outcome.PASSED, "", 1),
                new RunnerEvent.CheckStarted("race.T#sell"));
        assertThat(Scorer.culprit(died)).contains("race.T#sell");
        assertThat(Scorer.undecided(manifest, List.of(died))).extracting(CheckSpec::name).containsExactly("last-cup-jcstress");
        RunResult quiet = run(true, 0, false, 0, new RunnerEvent.CheckStarted("race.T#restock"));
        assertThat(Scorer.culprit(quiet)).isEmpty();
        RunResult diedBeforeAnyTest = outOfMemory();
        assertThat(Scorer.culprit(diedBeforeAnyTest)).isEmpty();
    }

    @Test
    @DisplayName("a check that kills the grading JVM costs only itself once a fresh JVM has run the checks after it")
    void crashCostsOnlyItsOwnCheck() {
        RunResult died = outOfMemory(new RunnerEvent.CheckStarted("race.T#restock"));
        RunResult rerun = run(true, 0, false, 0,
                new RunnerEvent.CheckStarted("race.T#sell"),
                new RunnerEvent.CheckFinished("race.T#sell", Outcome.PASSED, "", 1),
                new RunnerEvent.CheckFinished("race.LastCupStress", Outcome.FAILED, "lost update seen 3 times", 1));
        ExerciseReport report = Scorer.score(manifest, died, List.of(rerun));
        assertThat(check(report, "no-lost-restocks").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "no-lost-restocks").message()).contains("out of memory").contains("was running");
        assertThat(check(report, "no-oversell").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(report, "last-cup-jcstress").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "last-cup-jcstress").message()).contains("lost update");
        assertThat(report.score()).isEqualTo(1 + 3);
        assertThat(report.message()).contains("ran out of memory").contains("2 checks it had not run yet ran again");
    }

    @Test
    @DisplayName("a check that no run reported still counts as failed, with the reason its own run ended")
    void rerunThatDiesToo() {
        RunResult died = outOfMemory(new RunnerEvent.CheckStarted("race.T#restock"));
        RunResult diedAgain = new RunResult(List.of(new RunnerEvent.Started("25", 2, 256),
                new RunnerEvent.Compiled(true, List.of(), null, 10), new RunnerEvent.StructureChecked(List.of(), 5),
                new RunnerEvent.CheckStarted("race.T#sell"),
                new RunnerEvent.ExitCalled("race.ChaiStock.sell(ChaiStock.java:9)")), 0, false, 30, null, 0, "", 900, "bwrap");
        ExerciseReport report = Scorer.score(manifest, died, List.of(diedAgain));
        assertThat(check(report, "no-lost-restocks").message()).contains("out of memory");
        assertThat(check(report, "no-oversell").message()).contains("System.exit(0)").contains("ChaiStock.java:9");
        assertThat(check(report, "last-cup-jcstress").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(Scorer.undecided(manifest, List.of(died, diedAgain))).extracting(CheckSpec::name)
                .containsExactly("last-cup-jcstress");
        assertThat(report.score()).isEqualTo(1);
    }
}
