package io.interleave.grader.cli;

import io.interleave.grader.report.ReportFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Reads a report format case-insensitively and names the choices when the value is wrong. */
public final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
        try {
            return ReportFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a report format; choose one of "
                    + Arrays.stream(ReportFormat.values()).map(ReportFormat::toString).collect(Collectors.joining(", ")));
        }
    }
}
