package io.interleave.grader.export;

import java.util.Locale;

/** The files {@code grader class export} writes. */
public enum ExportFormat {
    CANVAS, MOODLE, CSV;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
