package io.interleave.grader.exercise;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A checking tool an exercise's hidden tests need from the grading JVM, off unless its manifest lists it.
 * {@code model-checker}: the JVM starts with an instrumentation agent, so that the tests can run Lincheck's model
 * checker (which rewrites the classes under test to decide every thread switch itself) without attaching to itself.
 */
public enum Tool {
    MODEL_CHECKER;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
