package io.interleave.grader.cli;

import io.interleave.grader.export.ExportFormat;

/** Reads {@code grader class export --format}. */
public final class ExportFormatConverter extends ChoiceConverter<ExportFormat> {
    public ExportFormatConverter() {
        super(ExportFormat.class, "an export format");
    }
}
