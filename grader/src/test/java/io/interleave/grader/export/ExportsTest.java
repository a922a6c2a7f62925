package io.interleave.grader.export;

import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.ResultKey;
import io.interleave.grader.gradebook.ResultStatus;
import io.interleave.grader.gradebook.StudentRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The gradebook exports")
class ExportsTest {
    private static GradeResult graded(String student, String exercise, int score, int max, int lateDays, double penalty) {
        return new GradeResult(new ResultKey(student, exercise, "c", "1.0", "fp"), score == max ? ResultStatus.PASS : ResultStatus.FAIL,
                score, max, lateDays, penalty, score * (100 - penalty) / 100, null, null, 0, "now", null, "{}", List.of());
    }

    /** Ada: full marks on both; Bo, "Brown, Bo", 17 of 20 two days late at 10 % a day, no second exercise; Cy: no repository. */
    private static ClassTable table() {
        List<StudentRecord> students = List.of(new StudentRecord("s1", "Ada Lovelace", "ada@example.org", "A"),
                new StudentRecord("s2", "Brown, Bo", "bo@example.org", "B"), new StudentRecord("s3", "Cy Young", "cy@example.org", "B"));
        List<GradeResult> current = List.of(graded("s1", "fix-the-race", 20, 20, 0, 0), graded("s1", "break-the-deadlock", 15, 15, 0, 0),
                graded("s2", "fix-the-race", 17, 20, 2, 20),
                new GradeResult(ResultKey.unavailable("s3", "1.0"), ResultStatus.UNAVAILABLE, 0, 0, 0, 0, 0, null, null, 0, "now",
                        "cannot clone cy", null, List.of()));
        return ClassTable.of(students, current, Map.of("fix-the-race", "Fix the race", "break-the-deadlock", "Break the deadlock"));
    }

    @Test
    @DisplayName("writes Canvas's import: identity columns, 'Title (id)' columns, a Points Possible row, empty where not graded")
    void canvas() throws Exception {
        assertThat(Exports.canvas(table(), Map.of("fix-the-race", "101", "break-the-deadlock", "102"))).isEqualTo("""
                Student,ID,SIS User ID,SIS Login ID,Section,Break the deadlock (102),Fix the race (101)\r
                Points Possible,,,,,15,20\r
                Ada Lovelace,,s1,,A,15,20\r
                "Brown, Bo",,s2,,B,,13.6\r
                Cy Young,,s3,,B,,\r
                """);
    }

    @Test
    @DisplayName("refuses a Canvas export with an exercise whose Canvas id is unknown, saying how to give it")
    void canvasWithoutId() {
        assertThatThrownBy(() -> Exports.canvas(table(), Map.of("fix-the-race", "101")))
                .isInstanceOf(ExportRefusedException.class)
                .hasMessageStartingWith("no Canvas assignment id for break-the-deadlock: Canvas would silently create a new assignment")
                .hasMessageContaining("--canvas-id break-the-deadlock=ID");
    }

    @Test
    @DisplayName("writes Moodle's import with the ID number and email address to map users by")
    void moodle() {
        assertThat(Exports.moodle(table())).isEqualTo("""
                ID number,Email address,Full name,Break the deadlock,Fix the race\r
                s1,ada@example.org,Ada Lovelace,15,20\r
                s2,bo@example.org,"Brown, Bo",,13.6\r
                s3,cy@example.org,Cy Young,,\r
                """);
    }

    @Test
    @DisplayName("writes the plain CSV with totals, the late flag and why a student was not graded")
    void plain() {
        assertThat(Exports.plain(table())).isEqualTo("""
                student_id,name,email,section,break-the-deadlock,fix-the-race,total,max_total,late,note\r
                s1,Ada Lovelace,ada@example.org,A,15,20,35,35,no,\r
                s2,"Brown, Bo",bo@example.org,B,,13.6,13.6,35,yes,\r
                s3,Cy Young,cy@example.org,B,,,0,35,no,unavailable: cannot clone cy\r
                """);
    }

    @Test
    @DisplayName("reads back a Canvas export as Canvas does: a header, then Points Possible, then one student per row")
    void canvasReadsBack() throws Exception {
        String text = Exports.canvas(table(), Map.of("fix-the-race", "101", "break-the-deadlock", "102"));
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.DEFAULT.parse(new java.io.StringReader(text)).getRecords();
        assertThat(rows.get(0).toList().subList(0, 5)).isEqualTo(Exports.CANVAS_COLUMNS);
        assertThat(rows.get(0).toList().subList(5, 7)).allMatch(c -> c.matches(".+ \\(\\d+\\)"));
        assertThat(rows.get(1).get(0)).isEqualTo("Points Possible");
        assertThat(rows).hasSize(2 + 3).allMatch(r -> r.size() == 7);
    }
}
