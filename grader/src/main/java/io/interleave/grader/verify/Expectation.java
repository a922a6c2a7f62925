package io.interleave.grader.verify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * The verdict a solution variant declares in its {@code expected.json}, the checks it must fail, and (optionally)
 * checks of a losing variant that must keep their points, e.g. the checks that run after one that kills the JVM.
 */
public record Expectation(Verdict verdict, List<String> mustFail, List<String> mustPass, String why) {
    public Expectation {
        mustPass = mustPass == null ? List.of() : List.copyOf(mustPass);
        if (verdict == null) {
            throw new IllegalArgumentException("verdict is missing (full-marks or loses-marks)");
        }
        mustFail = mustFail == null ? List.of() : List.copyOf(mustFail);
        if (verdict == Verdict.FULL_MARKS && !mustFail.isEmpty()) {
            throw new IllegalArgumentException("a full-marks variant cannot list must_fail checks");
        }
        if (verdict == Verdict.LOSES_MARKS && mustFail.isEmpty()) {
            throw new IllegalArgumentException("a loses-marks variant must list the checks that catch it in must_fail");
        }
    }

    /** Whether a variant is a correct answer or a known-wrong one. */
    public enum Verdict {
        FULL_MARKS, LOSES_MARKS;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
