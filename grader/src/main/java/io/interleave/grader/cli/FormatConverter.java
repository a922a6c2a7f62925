package io.interleave.grader.cli;

import io.interleave.grader.report.ReportFormat;

/** Reads {@code --format}. */
public final class FormatConverter extends ChoiceConverter<ReportFormat> {
    public FormatConverter() {
        super(ReportFormat.class, "a report format");
    }
}
