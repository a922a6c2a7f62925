package io.interleave.grader.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How one check ended. {@code inconclusive} keeps its points: the machine could not show the property. */
public enum CheckStatus {
    PASS, FAIL, ERROR, INCONCLUSIVE, SKIPPED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
