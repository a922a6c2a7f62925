package io.interleave.grader.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.Gradebook;
import io.interleave.grader.gradebook.ResultStatus;
import io.interleave.grader.gradebook.StudentRecord;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.JsonReportWriter;
import io.interleave.grader.report.ReportFormat;
import io.interleave.grader.report.Submission;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code grader class feedback}: each student's report, from the gradebook, in any of the formats {@code grade} writes,
 * so feedback goes back to students without grading again.
 */
@Command(name = "feedback", header = "Writes each student's report from a gradebook, in any of grade's formats, without grading again.",
        description = "One folder per student under --output (named by the student id), holding the report of every exercise"
                + " the latest 'class grade' run chose for that student, in each --format, under the file name that format"
                + " usually has (report.md, results.json, TEST-interleave.xml, ...). Hidden checks are shown as each exercise's"
                + " hidden_checks says, against the deadline the student was graded at, unless --reveal-hidden. Text and"
                + " markdown name any late penalty. A student whose repository could not be graded gets unavailable.txt with the reason.")
public final class ClassFeedbackCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "GRADEBOOK", description = "The gradebook: a SQLite file or a JDBC URL.")
    String gradebook;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "The folder to write (made if missing).")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class, description = "A report format: text,"
            + " json, gradescope, classroom, exercism, junit or markdown; repeatable. Default: markdown.")
    List<ReportFormat> formats = new ArrayList<>();

    @Option(names = "--student", paramLabel = "ID", description = "Only this student (repeatable). Default: every student.")
    List<String> only = new ArrayList<>();

    @Option(names = "--reveal-hidden", description = "Show every hidden check in full (for instructors).")
    boolean revealHidden;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!ClassExportCommand.exists(gradebook, err)) {
            return ExitCodes.USAGE;
        }
        Set<ReportFormat> chosen = new LinkedHashSet<>(formats.isEmpty() ? List.of(ReportFormat.MARKDOWN) : formats);
        List<StudentRecord> students;
        Map<String, List<GradeResult>> results;
        try (Gradebook book = Gradebook.open(gradebook)) {
            students = book.students();
            results = book.current().stream().collect(Collectors.groupingBy(r -> r.key().studentId(), LinkedHashMap::new,
                    Collectors.toList()));
        } catch (SQLException e) {
            err.println("grader: the gradebook " + gradebook + " cannot be read: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        Set<String> known = students.stream().map(StudentRecord::id).collect(Collectors.toSet());
        List<String> unknown = only.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            err.println("grader: no student " + String.join(", ", unknown) + " in " + gradebook + "; its students are those of"
                    + " the rosters 'class grade' read (see 'class export --format csv')");
            return ExitCodes.USAGE;
        }
        Map<String, String> folders = new LinkedHashMap<>();
        int written = 0;
        int unavailable = 0;
        int notGraded = 0;
        Instant now = Instant.now();
        for (StudentRecord student : students) {
            if (!only.isEmpty() && !only.contains(student.id())) {
                continue;
            }
            String folder = folderName(student.id());
            String other = folders.putIfAbsent(folder, student.id());
            if (other != null) {
                err.println("grader: students '" + other + "' and '" + student.id() + "' would share the folder " + folder
                        + "; write them one at a time with --student and different --output folders");
                return ExitCodes.USAGE;
            }
            List<GradeResult> mine = results.getOrDefault(student.id(), List.of());
            Path dir = output.resolve(folder);
            List<GradeResult> graded = mine.stream().filter(r -> r.status() != ResultStatus.UNAVAILABLE && r.report() != null)
                    .sorted(Comparator.comparing(r -> r.key().exercise())).toList();
            if (graded.isEmpty()) {
                String reason = mine.stream().filter(r -> r.status() == ResultStatus.UNAVAILABLE).map(GradeResult::reason)
                        .findFirst().orElse(null);
                if (reason == null) {
                    notGraded++;
                    continue;
                }
                Files.createDirectories(dir);
                GradeCommand.writeAtomically(dir.resolve("unavailable.txt"), "Your repository could not be graded: " + reason + "\n");
                unavailable++;
                continue;
            }
            GradeReport report;
            try {
                report = combined(graded);
            } catch (JsonProcessingException e) {
                err.println("grader: the report of " + student.id() + " in the gradebook is not a JSON report: "
                        + e.getOriginalMessage() + "; grade the student again with 'class grade --regrade'");
                return ExitCodes.ENVIRONMENT;
            }
            Files.createDirectories(dir);
            String late = lateNote(graded);
            for (ReportFormat format : chosen) {
                String text = format.render(report, false, revealHidden, now);
                if (late != null && format == ReportFormat.TEXT) {
                    text = late + "\n\n" + text;
                } else if (late != null && format == ReportFormat.MARKDOWN) {
                    text = "> " + late + "\n\n" + text;
                }
                GradeCommand.writeAtomically(dir.resolve(format.fileName()), text);
            }
            written++;
        }
        spec.commandLine().getOut().println("grader: wrote " + output + ": " + written + " student" + (written == 1 ? "" : "s")
                + " with reports (" + chosen.stream().map(ReportFormat::toString).collect(Collectors.joining(", ")) + "), "
                + unavailable + " unavailable" + (notGraded == 0 ? "" : ", " + notGraded + " never graded"));
        return ExitCodes.FULL_MARKS;
    }

    /** One report of every exercise graded for a student, the submission shown as the first result's. */
    private static GradeReport combined(List<GradeResult> graded) throws JsonProcessingException {
        List<ExerciseReport> exercises = new ArrayList<>();
        Submission submission = null;
        for (GradeResult result : graded) {
            GradeReport one = JsonReportWriter.read(result.report());
            exercises.addAll(one.exercises());
            if (submission == null) {
                submission = one.submission();
            }
        }
        return GradeReport.of(submission, exercises);
    }

    /** A sentence on the late penalty taken, or null when nothing was late. */
    static String lateNote(List<GradeResult> graded) {
        List<String> parts = graded.stream().filter(r -> r.lateDays() > 0)
                .map(r -> String.format(Locale.ROOT, "%s %d day%s late, -%.0f %%: %s of %d", r.key().exercise(), r.lateDays(),
                        r.lateDays() == 1 ? "" : "s", r.penaltyPercent(), points(r.finalScore()), r.maxScore()))
                .toList();
        return parts.isEmpty() ? null : "Late: " + String.join("; ", parts) + " (the scores below are before the penalty).";
    }

    private static String points(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A student id as a folder name: letters, digits and {@code . _ @ -} kept, anything else an underscore. */
    static String folderName(String studentId) {
        String name = studentId.replaceAll("[^A-Za-z0-9._@-]", "_");
        return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? "_" + name : name;
    }
}
