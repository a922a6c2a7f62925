package io.interleave.grader.exercise;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An access the platform policy denies to student code unless the exercise grants it. */
public enum Permission {
    FILE, NETWORK;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
