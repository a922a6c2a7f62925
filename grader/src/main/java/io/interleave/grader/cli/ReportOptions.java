package io.interleave.grader.cli;

import io.interleave.grader.report.ClassroomReportWriter;
import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.ReportFormat;
import io.interleave.grader.report.Submission;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that choose how a report is written, shared by {@code grade} and {@code report}. */
public final class ReportOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            description = "Report format: text, json, gradescope, classroom, exercism, junit or markdown. Default: ${DEFAULT-VALUE}.")
    ReportFormat format = ReportFormat.TEXT;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--reveal-hidden", description = "Show every hidden check in full, whatever the exercise's hidden_checks"
            + " says (for instructors; save the JSON report this way to write other formats from it later).")
    boolean revealHidden;

    @Option(names = "--deadline", paramLabel = "INSTANT", converter = DeadlineConverter.class,
            description = "The deadline (e.g. 2025-03-01T23:59:00Z): checks held until the deadline are shown after it.")
    Instant deadline;

    @Option(names = "--github-output", description = "Also append result=<the report in base64> to the file named by"
            + " $GITHUB_OUTPUT (what GitHub Classroom's grading reporter reads, with --format classroom).")
    boolean githubOutput;

    /** Writes the report where asked; false after telling the user why it could not. */
    boolean write(GradeReport report, CommandLine.Model.CommandSpec spec, Map<String, String> env) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        GradeReport dated = report;
        if (deadline != null) {
            Submission base = report.submission() == null ? new Submission(null, null, null, null, null) : report.submission();
            dated = report.withSubmission(base.withDeadline(deadline.toString()));
        }
        boolean toTerminal = output == null && CommandLine.Help.Ansi.AUTO.enabled();
        String text = format.render(dated, toTerminal, revealHidden, Instant.now());
        if (githubOutput) {
            String file = env.get("GITHUB_OUTPUT");
            if (file == null || file.isBlank()) {
                err.println("grader: --github-output needs $GITHUB_OUTPUT (set by GitHub Actions in every step); it is not set here");
                return false;
            }
            String json = format == ReportFormat.TEXT || format == ReportFormat.MARKDOWN || format == ReportFormat.JUNIT
                    ? ReportFormat.CLASSROOM.render(dated, false, revealHidden, Instant.now()) : text;
            Files.writeString(Path.of(file), ClassroomReportWriter.stepOutput(json), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            GradeCommand.writeAtomically(output, text);
        }
        return true;
    }
}
