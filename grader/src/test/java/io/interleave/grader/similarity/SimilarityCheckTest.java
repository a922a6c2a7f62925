package io.interleave.grader.similarity;

import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.ResultKey;
import io.interleave.grader.gradebook.ResultStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The similarity check (JPlag)")
class SimilarityCheckTest {
    private static final String FILE = "src/main/java/race/ChaiStock.java";
    private static final Path SOLUTIONS = Path.of("..", "solutions", "fix-the-race");

    private static GradeResult graded(String student) {
        return new GradeResult(new ResultKey(student, "fix-the-race", "c-" + student, "1.0", "fp"), ResultStatus.PASS, 20, 20,
                0, 0, 20, null, null, 1000, "now", null, null, List.of());
    }

    /** Keeps {@code source} as the student's ChaiStock.java, the way {@code class grade} keeps a graded submission. */
    private static void submit(Path sources, Exercise exercise, String student, String source, Path scratch) throws IOException {
        Path dir = scratch.resolve(student);
        Files.createDirectories(dir.resolve(FILE).getParent());
        Files.writeString(dir.resolve(FILE), source);
        SubmissionSources.keep(sources, exercise, student, "c-" + student, dir);
    }

    private static String solution(String variant) throws IOException {
        return Files.readString(SOLUTIONS.resolve(variant).resolve(FILE));
    }

    @Test
    @DisplayName("finds the copied, renamed solution as the top pair; a different one and the bare stub score low")
    void copiedPairStandsOut(@TempDir Path temp) throws IOException {
        Exercise exercise = ExerciseCatalog.bundled().find("fix-the-race").orElseThrow();
        Path sources = temp.resolve("class.db.sources");
        String original = solution("atomic-cas-loop");
        String renamed = original.replaceAll("\\bcurrent\\b", "seen").replaceAll("\\bnext\\b", "updated")
                .replaceAll("\\bstock\\b", "units").replaceAll("\\bamount\\b", "qty");
        assertThat(renamed).isNotEqualTo(original);
        submit(sources, exercise, "s1", original, temp.resolve("work"));
        submit(sources, exercise, "s2", renamed, temp.resolve("work"));
        submit(sources, exercise, "s3", solution("synchronized-methods"), temp.resolve("work"));
        submit(sources, exercise, "s4", new String(exercise.files().get(FILE)), temp.resolve("work"));
        Path output = temp.resolve("similarity");
        List<String> log = new ArrayList<>();

        List<SimilarPair> pairs = SimilarityCheck.run(sources, List.of(graded("s1"), graded("s2"), graded("s3"), graded("s4")),
                List.of(exercise), output, log::add);

        System.out.println(pairs);
        log.forEach(System.out::println);
        assertThat(pairs).isNotEmpty();
        SimilarPair top = pairs.get(0);
        assertThat(List.of(top.studentA(), top.studentB())).containsExactly("s1", "s2");
        assertThat(top.percent()).isGreaterThan(80);
        assertThat(pairs.subList(1, pairs.size())).allSatisfy(p -> assertThat(p.percent()).isLessThan(top.percent() - 30));
        assertThat(pairs).filteredOn(p -> p.studentA().equals("s4") || p.studentB().equals("s4"))
                .allSatisfy(p -> assertThat(p.percent()).as("the stub is base code: it does not count").isLessThan(20));
        assertThat(output.resolve("fix-the-race.jplag")).isNotEmptyFile();
        assertThat(SimilarityCheck.read(output)).isEqualTo(pairs);
    }

    @Test
    @DisplayName("says so when an exercise has fewer than 2 submissions, and writes an empty list of pairs")
    void tooSmall(@TempDir Path temp) throws IOException {
        Exercise exercise = ExerciseCatalog.bundled().find("fix-the-race").orElseThrow();
        Path sources = temp.resolve("sources");
        submit(sources, exercise, "s1", solution("atomic-cas-loop"), temp.resolve("work"));
        List<String> log = new ArrayList<>();

        List<SimilarPair> pairs = SimilarityCheck.run(sources, List.of(graded("s1")), List.of(exercise), temp.resolve("out"), log::add);

        assertThat(pairs).isEmpty();
        assertThat(log).anySatisfy(l -> assertThat(l).contains("fix-the-race: only 1 submission, JPlag needs at least 2"));
        assertThat(SimilarityCheck.read(temp.resolve("out"))).isEmpty();
    }
}
