package io.interleave.grader.gradebook;

import io.interleave.grader.report.ExerciseStatus;
import java.util.Locale;

/** How one gradebook row ended: an exercise's own status, or a student whose repository could not be graded at all. */
public enum ResultStatus {
    PASS, FAIL, ERROR, UNAVAILABLE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ResultStatus of(ExerciseStatus status) {
        return switch (status) {
            case PASS -> PASS;
            case FAIL -> FAIL;
            case ERROR -> ERROR;
        };
    }

    public static ResultStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
