package io.interleave.grader.cli;

import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.ReportFormat;
import io.interleave.grader.report.StudentView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The options shared by {@code publish github} and {@code publish gitlab}. */
public final class PublishOptions {
    /** Where the publish commands read their environment (tests replace it). */
    static Function<String, String> environment = System::getenv;

    @Option(names = "--report", paramLabel = "SAVED_JSON", required = true,
            description = "The report to publish, saved with grade --format json --reveal-hidden --output FILE.")
    Path report;

    @Option(names = "--marker", paramLabel = "KEY", defaultValue = "report",
            description = "Names the sticky comment, so that several workflows can keep one each. Default: ${DEFAULT-VALUE}.")
    String marker;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = ".",
            description = "The checkout of the repository graded, to place annotations on its files. Default: ${DEFAULT-VALUE}.")
    Path root;

    @Option(names = "--reveal-hidden", description = "Show hidden checks in full on the pull request (students read it: rarely wise).")
    boolean revealHidden;

    @Option(names = "--retry-pause-ms", paramLabel = "MS", defaultValue = "1000", hidden = true)
    long retryPauseMs;

    String env(String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value;
    }

    Duration retryPause() {
        return Duration.ofMillis(retryPauseMs);
    }

    /** The saved report as students may see it. */
    GradeReport studentReport() throws IOException {
        GradeReport saved = ReportCommand.read(report);
        return revealHidden ? saved : StudentView.of(saved, Instant.now(), false);
    }

    String markdown(GradeReport shown) {
        return ReportFormat.MARKDOWN.render(shown, false, true, Instant.now());
    }
}
