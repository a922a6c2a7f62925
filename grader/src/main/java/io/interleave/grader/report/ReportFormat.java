package io.interleave.grader.report;

import java.util.Locale;

/** The formats a report can be written in. */
public enum ReportFormat {
    TEXT, JSON;

    public ReportWriter writer(boolean colour) {
        return switch (this) {
            case TEXT -> new TextReportWriter(colour);
            case JSON -> new JsonReportWriter();
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
