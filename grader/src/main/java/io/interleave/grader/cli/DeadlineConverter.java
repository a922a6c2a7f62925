package io.interleave.grader.cli;

import io.interleave.grader.roster.Deadlines;
import java.time.Instant;
import picocli.CommandLine;

/** Reads a deadline option as {@link Deadlines#parse} does. */
public final class DeadlineConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        return Deadlines.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "'" + value + "' is not a deadline; write it as " + Deadlines.FORMATS));
    }
}
