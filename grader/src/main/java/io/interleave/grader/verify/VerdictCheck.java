package io.interleave.grader.verify;

import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.CheckStatus;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.ExerciseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compares one grading of a variant with the verdict it declares; empty when they agree. */
public final class VerdictCheck {
    private VerdictCheck() {
    }

    public static List<String> mismatches(Expectation expectation, ExerciseReport report) {
        List<String> problems = new ArrayList<>();
        switch (expectation.verdict()) {
            case FULL_MARKS -> {
                if (report.status() != ExerciseStatus.PASS) {
                    for (CheckReport check : report.checks()) {
                        if (check.score() < check.maxScore()) {
                            problems.add(check.name() + " " + check.status().id() + ": " + check.message());
                        }
                    }
                    if (problems.isEmpty()) {
                        problems.add("status " + report.status().id() + ": " + report.message());
                    }
                }
            }
            case LOSES_MARKS -> {
                if (report.score() >= report.maxScore()) {
                    problems.add("got full marks");
                }
                for (String name : expectation.mustFail()) {
                    Optional<CheckReport> check = report.checks().stream().filter(c -> c.name().equals(name)).findFirst();
                    if (check.isEmpty()) {
                        problems.add("declares must_fail '" + name + "', which is not a check of " + report.slug());
                    } else if (check.get().status() != CheckStatus.FAIL && check.get().status() != CheckStatus.ERROR) {
                        problems.add(name + " should fail but was " + check.get().status().id());
                    }
                }
                for (String name : expectation.mustPass()) {
                    Optional<CheckReport> check = report.checks().stream().filter(c -> c.name().equals(name)).findFirst();
                    if (check.isEmpty()) {
                        problems.add("declares must_pass '" + name + "', which is not a check of " + report.slug());
                    } else if (check.get().score() < check.get().maxScore()) {
                        problems.add(name + " should keep its points but was " + check.get().status().id() + ": "
                                + check.get().message());
                    }
                }
            }
        }
        return problems;
    }
}
