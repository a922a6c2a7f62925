package io.interleave.grader.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.JsonReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code grader report}: writes a saved JSON report in another format, without grading again. */
@Command(name = "report", header = "Writes a saved JSON report (grade --format json) in another format, without grading again.",
        description = "Exit code 0 when written; the grade itself is in the report.")
public final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SAVED_JSON", description = "A report written by grade --format json (use --reveal-hidden there to keep every check).")
    Path saved;

    @Mixin
    ReportOptions reportOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        GradeReport report;
        try {
            report = read(saved);
        } catch (IllegalArgumentException e) {
            err.println("grader: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return reportOptions.write(report, spec, System.getenv()) ? ExitCodes.FULL_MARKS : ExitCodes.USAGE;
    }

    /** Reads a saved JSON report, or says what is wrong with the file. */
    static GradeReport read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file; pass a report saved with grade --format json --output FILE");
        }
        try {
            GradeReport report = JsonReportWriter.read(Files.readString(file, StandardCharsets.UTF_8));
            if (report == null || report.exercises() == null) {
                throw new IllegalArgumentException(file + " holds no report; save one with grade --format json --output FILE");
            }
            if (report.version() > GradeReport.SCHEMA_VERSION) {
                throw new IllegalArgumentException(file + " is a report of schema version " + report.version()
                        + ", newer than this grader reads (" + GradeReport.SCHEMA_VERSION + "); use a newer grader");
            }
            return report;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not a JSON report of the grader: " + e.getOriginalMessage()
                    + "; save one with grade --format json --output FILE");
        }
    }
}
