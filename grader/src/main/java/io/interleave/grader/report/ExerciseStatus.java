package io.interleave.grader.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How grading one exercise ended: full marks, marks lost, or not gradable (refused, does not compile). */
public enum ExerciseStatus {
    PASS, FAIL, ERROR;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
