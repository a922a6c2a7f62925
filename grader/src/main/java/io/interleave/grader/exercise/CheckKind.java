package io.interleave.grader.exercise;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a check measures: that the code compiles, its structure, a JUnit test, or a jcstress test. */
public enum CheckKind {
    COMPILE, STRUCTURE, TEST, STRESS;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
