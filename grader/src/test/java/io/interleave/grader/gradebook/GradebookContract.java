package io.interleave.grader.gradebook;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every gradebook backend must do; each subclass names a fresh gradebook of its backend. */
abstract class GradebookContract {
    /** A new, empty gradebook (the same one each time for the same {@code dir}). */
    abstract String target(Path dir) throws Exception;

    static GradeResult result(String student, String exercise, String commit, int score, List<CheckResult> checks) {
        return new GradeResult(new ResultKey(student, exercise, commit, "1.0", "fp"), score == 20 ? ResultStatus.PASS : ResultStatus.FAIL,
                score, 20, 0, 0, score, "2025-03-01T10:00:00Z", "2025-03-02T23:59:59Z", 4000, "2025-03-03T00:00:00Z", null,
                "{}", checks);
    }

    static GradeResult result(String student, String exercise, int score) {
        return result(student, exercise, "c-" + student, score, List.of(new CheckResult("compiles", "pass", 0, 0, 5),
                new CheckResult("no-oversell", score == 20 ? "pass" : "fail", score == 20 ? 3 : 0, 3, 100)));
    }

    @Test
    @DisplayName("merges shards' gradebooks with every result once, and a second merge adds nothing")
    void mergeShards(@TempDir Path dir) throws Exception {
        List<String> targets = new ArrayList<>();
        for (String name : List.of("one", "two", "all")) {
            java.nio.file.Files.createDirectories(dir.resolve(name));
            targets.add(target(dir.resolve(name)));
        }
        try (Gradebook one = Gradebook.open(targets.get(0)); Gradebook two = Gradebook.open(targets.get(1));
             Gradebook all = Gradebook.open(targets.get(2))) {
            one.putStudents(List.of(new StudentRecord("s1", "Ada", "ada@example.org", "A")));
            two.putStudents(List.of(new StudentRecord("s2", "Bo", "bo@example.org", "B")));
            one.record(result("s1", "fix-the-race", 20), one.startRun("1", "shard 1/2"));
            long run = two.startRun("2", "shard 2/2");
            two.record(result("s2", "fix-the-race", 17), run);
            two.record(result("s2", "bank-transfer", 20), run);
            long merge = all.startRun("3", "merge");
            assertThat(all.merge(one, merge)).isEqualTo(1);
            assertThat(all.merge(two, merge)).isEqualTo(2);
            assertThat(all.merge(one, merge)).isZero();
            assertThat(all.merge(two, all.startRun("4", "merge again"))).isZero();
            assertThat(all.all()).extracting(r -> r.key().studentId() + " " + r.key().exercise() + " " + r.score())
                    .containsExactlyInAnyOrder("s1 fix-the-race 20", "s2 fix-the-race 17", "s2 bank-transfer 20");
            assertThat(all.all()).allSatisfy(r -> assertThat(r.checks()).hasSize(2));
            assertThat(all.students()).extracting(StudentRecord::id).containsExactly("s1", "s2");
        }
    }

    @Test
    @DisplayName("keeps one row when the same result is recorded twice")
    void insertTwice(@TempDir Path dir) throws Exception {
        try (Gradebook book = Gradebook.open(target(dir))) {
            long run = book.startRun("now", "test");
            assertThat(book.record(result("s1", "fix-the-race", 20), run)).isTrue();
            assertThat(book.record(result("s1", "fix-the-race", 17), run)).isFalse();
            assertThat(book.all()).singleElement().satisfies(r -> {
                assertThat(r.score()).isEqualTo(20);
                assertThat(r.checks()).extracting(CheckResult::name).containsExactly("compiles", "no-oversell");
            });
        }
    }

    @Test
    @DisplayName("resumes a run killed in the middle with nothing lost and nothing counted twice")
    void resume(@TempDir Path dir) throws Exception {
        String file = target(dir);
        List<String> students = List.of("s1", "s2", "s3", "s4", "s5");
        List<String> graded = new ArrayList<>();
        try (Gradebook book = Gradebook.open(file)) {
            long run = book.startRun("first", "test");
            assertThatThrownBy(() -> {
                for (String student : students) {
                    if (student.equals("s3")) {
                        throw new IllegalStateException("killed");
                    }
                    book.record(result(student, "fix-the-race", 20), run);
                    graded.add(student);
                }
            }).hasMessage("killed");
        }
        try (Gradebook book = Gradebook.open(file)) {
            long run = book.startRun("second", "test");
            for (String student : students) {
                ResultKey key = result(student, "fix-the-race", 20).key();
                if (book.recordedScore(key, run).isEmpty()) {
                    book.record(result(student, "fix-the-race", 20), run);
                    graded.add(student);
                }
            }
            assertThat(graded).containsExactly("s1", "s2", "s3", "s4", "s5");
            assertThat(book.all()).extracting(r -> r.key().studentId()).containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5");
        }
    }

    @Test
    @DisplayName("leaves no half result when recording fails inside its transaction")
    void atomic(@TempDir Path dir) throws Exception {
        try (Gradebook book = Gradebook.open(target(dir))) {
            long run = book.startRun("now", "test");
            CheckResult twice = new CheckResult("compiles", "pass", 0, 0, 5);
            assertThatThrownBy(() -> book.record(result("s1", "fix-the-race", "c1", 20, List.of(twice, twice)), run))
                    .isInstanceOf(SQLException.class);
            assertThat(book.all()).isEmpty();
            assertThat(book.record(result("s1", "fix-the-race", 20), run)).isTrue();
        }
    }

    @Test
    @DisplayName("replaces a student's unavailable row once their repository is graded")
    void unavailableThenGraded(@TempDir Path dir) throws Exception {
        try (Gradebook book = Gradebook.open(target(dir))) {
            long run = book.startRun("now", "test");
            GradeResult missing = new GradeResult(ResultKey.unavailable("s1", "1.0"), ResultStatus.UNAVAILABLE, 0, 0, 0, 0, 0,
                    null, null, 0, "now", "cannot clone", null, List.of());
            book.recordUnavailable(missing, run);
            book.recordUnavailable(missing, run);
            assertThat(book.current()).singleElement().extracting(GradeResult::reason).isEqualTo("cannot clone");
            book.record(result("s1", "fix-the-race", 20), run);
            assertThat(book.current()).singleElement().extracting(GradeResult::status).isEqualTo(ResultStatus.PASS);
        }
    }

    @Test
    @DisplayName("counts the row the latest run chose, even an older commit chosen again")
    void currentIsWhatTheLatestRunChose(@TempDir Path dir) throws Exception {
        try (Gradebook book = Gradebook.open(target(dir))) {
            long first = book.startRun("first", "test");
            GradeResult old = result("s1", "fix-the-race", "old", 10, List.of());
            book.record(old, first);
            book.record(result("s1", "fix-the-race", "new", 20, List.of()), first);
            assertThat(book.current()).singleElement().extracting(r -> r.key().commit()).isEqualTo("new");
            long second = book.startRun("second", "an earlier --before");
            assertThat(book.recordedScore(old.key(), second)).contains(10);
            assertThat(book.current()).singleElement().extracting(r -> r.key().commit()).isEqualTo("old");
        }
    }

    @Test
    @DisplayName("keeps drift apart from the result it was found against")
    void drift(@TempDir Path dir) throws Exception {
        try (Gradebook book = Gradebook.open(target(dir))) {
            long run = book.startRun("now", "test");
            GradeResult first = result("s1", "fix-the-race", 20);
            book.record(first, run);
            book.recordDrift(new Drift(first.key(), 20, 17, "no-oversell pass -> fail", "later"));
            assertThat(book.drifts()).containsExactly(new Drift(first.key(), 20, 17, "no-oversell pass -> fail", "later"));
            assertThat(book.checks(first.key())).containsOnlyKeys("compiles", "no-oversell");
            assertThat(book.all()).singleElement().extracting(GradeResult::score).isEqualTo(20);
        }
    }

    @Test
    @DisplayName("creates its schema once and reopens at the same version")
    void schema(@TempDir Path dir) throws Exception {
        String file = target(dir);
        try (Gradebook book = Gradebook.open(file)) {
            book.putStudents(List.of(new StudentRecord("s1", "Ada", "ada@example.org", "A")));
        }
        try (Gradebook book = Gradebook.open(file)) {
            book.putStudents(List.of(new StudentRecord("s1", "Ada L.", "ada@example.org", "B")));
            assertThat(book.students()).containsExactly(new StudentRecord("s1", "Ada L.", "ada@example.org", "B"));
        }
    }
}
