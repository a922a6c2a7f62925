package io.interleave.grader.roster;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a deadline: an ISO-8601 instant or date-time with offset, or a date (the end of that day, UTC). */
public final class Deadlines {
    /** How a deadline is written, for messages that ask for one. */
    public static final String FORMATS = "2025-03-01T23:59:00Z, 2025-03-01T23:59:00+01:00, or 2025-03-01 (the end of that day, UTC)";

    private Deadlines() {
    }

    /** The instant {@code value} names, or empty when it is none of the accepted forms. */
    public static Optional<Instant> parse(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
