package io.interleave.grader.export;

import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.StudentRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a {@link ClassTable} as a Canvas, Moodle or plain CSV file (RFC 4180: quoted where needed, CRLF). */
public final class Exports {
    /** Canvas's identity columns, before the assignments, as its gradebook export writes them and its importer reads them. */
    public static final List<String> CANVAS_COLUMNS = List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section");

    private Exports() {
    }

    /**
     * Canvas's gradebook import: the identity columns (the roster's id as SIS User ID; ID and SIS Login ID left empty, so
     * Canvas matches on the SIS id), one column per assignment named {@code Title (canvas id)}, and a second row
     * {@code Points Possible}. Refused when an assignment has no Canvas id: Canvas would create a new assignment instead.
     */
    public static String canvas(ClassTable table, Map<String, String> canvasIds) throws ExportRefusedException {
        List<Assignment> missing = table.assignments().stream().filter(a -> !canvasIds.containsKey(a.slug())).toList();
        if (!missing.isEmpty()) {
            String slugs = String.join(", ", missing.stream().map(Assignment::slug).toList());
            throw new ExportRefusedException("no Canvas assignment id for " + slugs + ": Canvas would silently create a new"
                    + " assignment for each such column instead of filling the one you made. Give each id with --canvas-id "
                    + missing.get(0).slug() + "=ID (repeatable; ID is the number at the end of the assignment's address,"
                    + " .../courses/C/assignments/ID), or a file of SLUG=ID lines with --canvas-ids FILE");
        }
        List<String> header = new ArrayList<>(CANVAS_COLUMNS);
        List<String> points = new ArrayList<>(List.of("Points Possible", "", "", "", ""));
        for (Assignment assignment : table.assignments()) {
            header.add(assignment.title() + " (" + canvasIds.get(assignment.slug()) + ")");
            points.add(Integer.toString(assignment.maxScore()));
        }
        List<List<String>> rows = new ArrayList<>(List.of(header, points));
        for (StudentRecord student : table.students()) {
            List<String> row = new ArrayList<>(List.of(student.name(), "", student.id(), "", student.section()));
            row.addAll(scores(table, student));
            rows.add(row);
        }
        return csv(rows);
    }

    /**
     * Moodle's grade import (Grades, Import, CSV file): one row per student with their ID number and email address, so
     * that either can be mapped to the user, and one column per exercise named by its title, to map to a grade item.
     */
    public static String moodle(ClassTable table) {
        List<String> header = new ArrayList<>(List.of("ID number", "Email address", "Full name"));
        table.assignments().forEach(a -> header.add(a.title()));
        List<List<String>> rows = new ArrayList<>(List.of(header));
        for (StudentRecord student : table.students()) {
            List<String> row = new ArrayList<>(List.of(student.id(), student.email(), student.name()));
            row.addAll(scores(table, student));
            rows.add(row);
        }
        return csv(rows);
    }

    /**
     * One row per student: the roster's columns, the score after the late penalty of each exercise (by slug), the
     * total and its maximum, whether any exercise was late, and why a repository could not be graded.
     */
    public static String plain(ClassTable table) {
        List<String> header = new ArrayList<>(List.of("student_id", "name", "email", "section"));
        table.assignments().forEach(a -> header.add(a.slug()));
        header.addAll(List.of("total", "max_total", "late", "note"));
        int maxTotal = table.assignments().stream().mapToInt(Assignment::maxScore).sum();
        List<List<String>> rows = new ArrayList<>(List.of(header));
        for (StudentRecord student : table.students()) {
            List<String> row = new ArrayList<>(List.of(student.id(), student.name(), student.email(), student.section()));
            row.addAll(scores(table, student));
            List<GradeResult> results = table.assignments().stream().flatMap(a -> table.result(student, a).stream()).toList();
            row.add(ClassTable.points(results.stream().mapToDouble(GradeResult::finalScore).sum()));
            row.add(Integer.toString(maxTotal));
            row.add(results.stream().anyMatch(r -> r.lateDays() > 0) ? "yes" : "no");
            String reason = table.unavailable().get(student.id());
            row.add(reason != null ? "unavailable: " + reason : results.isEmpty() ? "not graded" : "");
            rows.add(row);
        }
        return csv(rows);
    }

    /** The student's score after penalty per assignment, empty where there is none (the LMS leaves that grade alone). */
    private static List<String> scores(ClassTable table, StudentRecord student) {
        return table.assignments().stream()
                .map(a -> table.result(student, a).map(r -> ClassTable.points(r.finalScore())).orElse(""))
                .toList();
    }

    private static String csv(List<List<String>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }
}
