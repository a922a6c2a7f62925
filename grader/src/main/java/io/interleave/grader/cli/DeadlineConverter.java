package io.interleave.grader.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Reads a deadline: an ISO-8601 instant or date-time with offset, or a date (the end of that day, UTC). */
public final class DeadlineConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
            } catch (DateTimeParseException notDate) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a deadline; write it as"
                        + " 2025-03-01T23:59:00Z, 2025-03-01T23:59:00+01:00, or 2025-03-01 (the end of that day, UTC)");
            }
        }
    }
}
