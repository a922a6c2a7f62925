package io.interleave.grader.verify;

import io.interleave.grader.exercise.CheckKind;
import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.CheckStatus;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.ExerciseStatus;
import io.interleave.grader.report.HiddenChecks;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Verdicts of solution variants")
class VerdictCheckTest {
    private static CheckReport check(String name, CheckStatus status, int points) {
        int score = status == CheckStatus.PASS || status == CheckStatus.INCONCLUSIVE ? points : 0;
        return new CheckReport(name, name, CheckKind.TEST, true, 1, status, score, points, status.id(), 1, List.of());
    }

    private static ExerciseReport report(CheckReport... checks) {
        List<CheckReport> all = List.of(checks);
        return new ExerciseReport("parallelize-cpu-work", "Parallelize", all.stream().mapToInt(CheckReport::score).sum(),
                all.stream().mapToInt(CheckReport::maxScore).sum(), ExerciseStatus.FAIL, "1 check lost marks", "bwrap",
                HiddenChecks.SHOWN, all);
    }

    @Test
    @DisplayName("a losing variant's must_pass checks must keep their points: a crash may cost only its own check")
    void mustPass() {
        Expectation expected = new Expectation(Expectation.Verdict.LOSES_MARKS, List.of("extreme-bounds"),
                List.of("counts-primes", "no-lost-counts"), "overflows near Long.MAX_VALUE");
        ExerciseReport onlyItsOwn = report(check("extreme-bounds", CheckStatus.FAIL, 1),
                check("counts-primes", CheckStatus.PASS, 1), check("no-lost-counts", CheckStatus.INCONCLUSIVE, 3));
        assertThat(VerdictCheck.mismatches(expected, onlyItsOwn)).isEmpty();
        ExerciseReport crashSpread = report(check("extreme-bounds", CheckStatus.FAIL, 1),
                check("counts-primes", CheckStatus.FAIL, 1), check("no-lost-counts", CheckStatus.PASS, 3));
        assertThat(VerdictCheck.mismatches(expected, crashSpread)).singleElement().asString()
                .startsWith("counts-primes should keep its points but was fail");
    }

    @Test
    @DisplayName("names a must_pass check that the exercise does not have")
    void unknownMustPass() {
        Expectation expected = new Expectation(Expectation.Verdict.LOSES_MARKS, List.of("extreme-bounds"),
                List.of("no-such-check"), "typo");
        assertThat(VerdictCheck.mismatches(expected, report(check("extreme-bounds", CheckStatus.FAIL, 1))))
                .containsExactly("declares must_pass 'no-such-check', which is not a check of parallelize-cpu-work");
    }
}
