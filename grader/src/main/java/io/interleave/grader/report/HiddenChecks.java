package io.interleave.grader.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What students see of an exercise's hidden checks (its hidden JUnit and jcstress tests): everything, only
 * whether each passed, or nothing until the deadline has passed.
 */
public enum HiddenChecks {
    /** Names, points and messages, like any other check. */
    SHOWN,
    /** An anonymous "hidden check N" with its points and pass or fail, without name or message. */
    PASS_FAIL,
    /** Nothing (not even their points) until after the deadline; then everything. */
    AFTER_DEADLINE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static HiddenChecks fromId(String id) {
        for (HiddenChecks value : values()) {
            if (value.id().equals(id)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a visibility of hidden checks; choose one of "
                + Arrays.stream(values()).map(HiddenChecks::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id();
    }
}
