package io.interleave.grader.cli;

import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.export.ClassTable;
import io.interleave.grader.export.ExportFormat;
import io.interleave.grader.export.ExportRefusedException;
import io.interleave.grader.export.Exports;
import io.interleave.grader.gradebook.Gradebook;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader class export}: writes the gradebook for an LMS. */
@Command(name = "export", header = "Writes a gradebook as a Canvas, Moodle or plain CSV file.",
        description = "Each student's score per exercise is the one the latest 'class grade' run chose, after its late penalty;"
                + " an exercise not graded for a student is left empty, so the LMS keeps whatever grade it has.")
public final class ClassExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "GRADEBOOK", description = "The gradebook: a SQLite file or a JDBC URL.")
    String gradebook;

    @Option(names = "--format", required = true, paramLabel = "canvas|moodle|csv", converter = ExportFormatConverter.class,
            description = "canvas: Canvas's gradebook import; moodle: Moodle's grade import (map users by ID number or email"
                    + " address); csv: one row per student, one column per exercise, totals and a late flag.")
    ExportFormat format;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The file to write.")
    Path output;

    @Option(names = "--canvas-id", paramLabel = "SLUG=ID", description = "With canvas: the Canvas assignment id of an exercise"
            + " (the number at the end of the assignment's address); repeatable.")
    Map<String, String> canvasIds = new LinkedHashMap<>();

    @Option(names = "--canvas-ids", paramLabel = "FILE", description = "With canvas: a file of SLUG=ID lines ('#' starts a comment).")
    Path canvasIdFile;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (format != ExportFormat.CANVAS && (!canvasIds.isEmpty() || canvasIdFile != null)) {
            err.println("grader: --canvas-id and --canvas-ids go with --format canvas");
            err.println("Try 'grader --help' for more information.");
            return ExitCodes.USAGE;
        }
        Map<String, String> ids = new LinkedHashMap<>();
        if (canvasIdFile != null) {
            try {
                for (String line : Files.readAllLines(canvasIdFile, StandardCharsets.UTF_8)) {
                    String entry = line.replaceFirst("#.*", "").strip();
                    if (!entry.isEmpty()) {
                        String[] pair = entry.split("=", 2);
                        if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                            err.println("grader: " + canvasIdFile + ": '" + line + "' is not SLUG=ID");
                            return ExitCodes.USAGE;
                        }
                        ids.put(pair[0].strip(), pair[1].strip());
                    }
                }
            } catch (NoSuchFileException e) {
                err.println("grader: no file " + canvasIdFile + " (--canvas-ids)");
                return ExitCodes.USAGE;
            }
        }
        ids.putAll(canvasIds);
        if (!exists(gradebook, err)) {
            return ExitCodes.USAGE;
        }
        ClassTable table;
        try (Gradebook book = Gradebook.open(gradebook)) {
            table = table(book);
        } catch (SQLException e) {
            err.println("grader: the gradebook " + gradebook + " cannot be read: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        String text;
        try {
            text = switch (format) {
                case CANVAS -> Exports.canvas(table, ids);
                case MOODLE -> Exports.moodle(table);
                case CSV -> Exports.plain(table);
            };
        } catch (ExportRefusedException e) {
            err.println("grader: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        GradeCommand.writeAtomically(output, text);
        List<String> slugs = table.assignments().stream().map(a -> a.slug()).toList();
        spec.commandLine().getOut().println("grader: wrote " + output + " (" + format.id() + "): " + table.students().size()
                + " students, " + slugs.size() + " exercises" + (slugs.isEmpty() ? "" : " (" + String.join(", ", slugs) + ")"));
        return ExitCodes.FULL_MARKS;
    }

    /** False, after saying so, when {@code gradebook} is a file that is not there (opening it would make an empty one). */
    static boolean exists(String gradebook, PrintWriter err) {
        if (!gradebook.startsWith("jdbc:") && !Files.isRegularFile(Path.of(gradebook))) {
            err.println("grader: no gradebook " + gradebook + "; 'grader class grade ROSTER --gradebook " + gradebook + "' makes one");
            return false;
        }
        return true;
    }

    /** The gradebook's current results as a table, exercises titled as the bundled catalog titles them. */
    static ClassTable table(Gradebook book) throws SQLException {
        Map<String, String> titles = ExerciseCatalog.bundled().all().stream()
                .collect(Collectors.toMap(Exercise::slug, e -> e.manifest().title()));
        return ClassTable.of(book.students(), book.current(), titles);
    }
}
