package io.interleave.grader.roster;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("The roster")
class RosterTest {
    private static Roster read(String csv, Path base) throws Exception {
        return Roster.read(new StringReader(csv), "roster.csv", base);
    }

    @Test
    @DisplayName("reads every student with their repository kind and their own deadline")
    void reads(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("folders/bo"));
        Files.createDirectories(dir.resolve("repos/cy/.git"));
        Roster roster = read("""
                student_id,name,email,section,repository,due
                s1,"Ada, Lovelace",ada@example.org,A,https://example.org/ada.git,
                s2,Bo,bo@example.org,A,folders/bo,2025-03-02
                s3,Cy,cy@example.org,B,repos/cy,2025-03-03T12:00:00+01:00
                """, dir);
        assertThat(roster.students()).extracting(Student::id).containsExactly("s1", "s2", "s3");
        Student ada = roster.students().get(0);
        assertThat(ada.name()).isEqualTo("Ada, Lovelace");
        assertThat(ada.line()).isEqualTo(2);
        assertThat(ada.repository()).isEqualTo(new Repository.Git("https://example.org/ada.git"));
        assertThat(ada.due()).isNull();
        assertThat(roster.students().get(1).repository()).isEqualTo(new Repository.Folder(dir.resolve("folders/bo")));
        assertThat(roster.students().get(1).due()).isEqualTo(Instant.parse("2025-03-02T23:59:59Z"));
        assertThat(roster.students().get(2).repository()).isEqualTo(new Repository.Git(dir.resolve("repos/cy").toString()));
        assertThat(roster.students().get(2).due()).isEqualTo(Instant.parse("2025-03-03T11:00:00Z"));
        assertThat(roster.students().get(2).line()).isEqualTo(4);
    }

    @Test
    @DisplayName("lists every bad row at once, each with its line number and what to fix")
    void everyProblemAtOnce(@TempDir Path dir) {
        RosterException e = catchThrowableOfType(RosterException.class, () -> read("""
                student_id,name,email,section,repository,due
                s1,Ada,ada@example.org,A,ada.git,
                ,Bo,bo@example.org,A,bo.git,
                s1,Cy,cy@example.org,B,cy.git,
                s4,Di,di@example.org,B
                s5,Ed,ed@example.org,B,ed.git,next friday
                s6,Flo,flo@example.org,B,,
                s7,Gus,gus@example.org,B,gus.git""", dir));
        assertThat(e.problems()).extracting(RosterProblem::toString).containsExactly(
                "line 3: student_id is empty; every student needs an id of their own",
                "line 4: student_id 's1' is already on line 2; ids must be unique",
                "line 5: has 4 fields, the header 6; every line needs one value per column (leave a value empty, but keep its comma)",
                "line 6: due 'next friday' is not a deadline; write it as " + Deadlines.FORMATS
                        + ", or leave it empty for the class's deadline",
                "line 7: repository is empty; give a git URL, a path to a git repository, or a folder");
    }

    @Test
    @DisplayName("takes a row that leaves out the last, optional due column, comma and all")
    void dueLeftOut(@TempDir Path dir) throws Exception {
        Roster roster = read("student_id,name,email,section,repository,due\ns1,Ada,ada@example.org,A,ada.git\n", dir);
        assertThat(roster.students()).singleElement().extracting(Student::due).isNull();
    }

    @Test
    @DisplayName("refuses a header without the required columns, naming them")
    void badHeader(@TempDir Path dir) {
        assertThatThrownBy(() -> read("id,name,email\ns1,Ada,ada@example.org\n", dir))
                .isInstanceOfSatisfying(RosterException.class, e -> assertThat(e.problems()).singleElement()
                        .hasToString("line 1: the header lacks student_id, section, repository; the first line must be"
                                + " student_id,name,email,section,repository (and optionally ,due)"));
    }

    @Test
    @DisplayName("refuses a roster with no students")
    void empty(@TempDir Path dir) {
        assertThatThrownBy(() -> read("student_id,name,email,section,repository\n", dir))
                .isInstanceOfSatisfying(RosterException.class, e -> assertThat(e.problems()).singleElement()
                        .hasToString("line 2: no students: add one line per student below the header"));
    }
}
