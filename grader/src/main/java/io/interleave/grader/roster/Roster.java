package io.interleave.grader.roster;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A class's roster, read from a CSV file with the header {@code student_id,name,email,section,repository} and an
 * optional {@code due} column (a deadline of the student's own, e.g. an extension). The whole file is checked
 * before anything is graded, and every problem is reported with its line.
 */
public record Roster(List<Student> students) {
    /** The columns every roster has, in the order the header lists them. */
    public static final List<String> COLUMNS = List.of("student_id", "name", "email", "section", "repository");
    /** The optional column of per-student deadlines. */
    public static final String DUE = "due";

    public Roster {
        students = List.copyOf(students);
    }

    /** Reads and checks {@code file}; repository paths in it are relative to its folder. */
    public static Roster read(Path file) throws IOException, RosterException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), file.toAbsolutePath().getParent());
        }
    }

    /** Reads and checks a roster named {@code shown} in messages, with repository paths relative to {@code base}. */
    public static Roster read(Reader reader, String shown, Path base) throws IOException, RosterException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        List<RosterProblem> problems = new ArrayList<>();
        List<Student> students = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames().stream().map(String::strip).toList();
            List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                problems.add(new RosterProblem(1, "the header lacks " + String.join(", ", missing) + "; the first line must be "
                        + String.join(",", COLUMNS) + " (and optionally ," + DUE + ")"));
                throw new RosterException(shown, problems);
            }
            boolean hasDue = header.contains(DUE);
            Map<String, Integer> seen = new HashMap<>();
            for (CSVRecord record : parser) {
                int line = (int) record.getParser().getCurrentLineNumber();
                row(record, line, hasDue, base, seen, problems).ifPresent(students::add);
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            problems.add(new RosterProblem(1, "not a CSV file Commons CSV can read: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new RosterException(shown, problems);
        }
        if (students.isEmpty()) {
            throw new RosterException(shown, List.of(new RosterProblem(2, "no students: add one line per student below the header")));
        }
        return new Roster(students);
    }

    private static Optional<Student> row(CSVRecord record, int line, boolean hasDue, Path base, Map<String, Integer> seen,
                                         List<RosterProblem> problems) {
        if (record.size() > record.getParser().getHeaderNames().size() || !COLUMNS.stream().allMatch(record::isSet)) {
            problems.add(new RosterProblem(line, "has " + record.size() + " fields, the header " + record.getParser().getHeaderNames().size()
                    + "; every line needs one value per column (leave a value empty, but keep its comma)"));
            return Optional.empty();
        }
        int before = problems.size();
        String id = record.get("student_id");
        if (id.isEmpty()) {
            problems.add(new RosterProblem(line, "student_id is empty; every student needs an id of their own"));
        } else if (seen.containsKey(id)) {
            problems.add(new RosterProblem(line, "student_id '" + id + "' is already on line " + seen.get(id) + "; ids must be unique"));
        } else {
            seen.put(id, line);
        }
        String repository = record.get("repository");
        if (repository.isEmpty()) {
            problems.add(new RosterProblem(line, "repository is empty; give a git URL, a path to a git repository, or a folder"));
        }
        Instant due = null;
        if (hasDue && record.isSet(DUE) && !record.get(DUE).isEmpty()) {
            String value = record.get(DUE);
            Optional<Instant> parsed = Deadlines.parse(value);
            if (parsed.isEmpty()) {
                problems.add(new RosterProblem(line, "due '" + value + "' is not a deadline; write it as " + Deadlines.FORMATS
                        + ", or leave it empty for the class's deadline"));
            } else {
                due = parsed.get();
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Student(line, id, record.get("name"), record.get("email"), record.get("section"),
                Repository.of(repository, base), due));
    }
}
