package io.interleave.grader.report;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What students may see of a report: each exercise's hidden checks as its {@link HiddenChecks} says. Every
 * format is written from this view unless an instructor asks to reveal everything.
 */
public final class StudentView {
    private StudentView() {
    }

    /**
     * The report as students may see it at {@code now}. With {@code platformWithholds}, checks held until the
     * deadline stay in the report, because the format marks them and its platform holds them back (Gradescope's
     * {@code after_due_date}).
     */
    public static GradeReport of(GradeReport report, Instant now, boolean platformWithholds) {
        boolean pastDeadline = deadlinePassed(report.submission(), now);
        List<ExerciseReport> exercises = new ArrayList<>();
        for (ExerciseReport exercise : report.exercises()) {
            exercises.add(switch (exercise.hiddenChecks()) {
                case SHOWN -> exercise;
                case PASS_FAIL -> anonymised(exercise);
                case AFTER_DEADLINE -> pastDeadline || platformWithholds ? exercise : withheld(exercise);
            });
        }
        return GradeReport.of(report.submission(), exercises);
    }

    static boolean deadlinePassed(Submission submission, Instant now) {
        if (submission == null || submission.deadline() == null) {
            return false;
        }
        try {
            return now.isAfter(Instant.parse(submission.deadline()));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static ExerciseReport anonymised(ExerciseReport exercise) {
        List<CheckReport> checks = new ArrayList<>();
        int n = 0;
        for (CheckReport check : exercise.checks()) {
            if (check.hidden()) {
                n++;
                checks.add(check.renamed("hidden-" + n, "Hidden check " + n, 0, switch (check.status()) {
                    case PASS, INCONCLUSIVE -> "passed";
                    case FAIL -> "failed";
                    case ERROR -> "could not run";
                    case SKIPPED -> "not run";
                }));
            } else {
                checks.add(check);
            }
        }
        return new ExerciseReport(exercise.slug(), exercise.title(), exercise.score(), exercise.maxScore(), exercise.status(),
                exercise.message(), exercise.sandbox(), exercise.hiddenChecks(), checks);
    }

    private static ExerciseReport withheld(ExerciseReport exercise) {
        List<CheckReport> visible = exercise.checks().stream().filter(c -> !c.hidden()).toList();
        int held = exercise.checks().size() - visible.size();
        if (held == 0) {
            return exercise;
        }
        int heldPoints = exercise.checks().stream().filter(CheckReport::hidden).mapToInt(CheckReport::maxScore).sum();
        ExerciseStatus status = switch (exercise.status()) {
            case ERROR -> ExerciseStatus.ERROR;
            case PASS, FAIL -> visible.stream().allMatch(c -> c.score() == c.maxScore()) ? ExerciseStatus.PASS : ExerciseStatus.FAIL;
        };
        String message = switch (status) {
            case ERROR -> exercise.message();
            case PASS -> "all visible checks passed";
            case FAIL -> "visible checks lost marks";
        } + String.format(Locale.ROOT, "; %d hidden check%s (%d points) are shown after the deadline",
                held, held == 1 ? "" : "s", heldPoints);
        return new ExerciseReport(exercise.slug(), exercise.title(), visible.stream().mapToInt(CheckReport::score).sum(),
                visible.stream().mapToInt(CheckReport::maxScore).sum(), status, message, exercise.sandbox(),
                exercise.hiddenChecks(), visible);
    }
}
