package io.interleave.grader.fetch;

import io.interleave.grader.exercise.CheckKind;
import io.interleave.grader.exercise.CheckSpec;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.Limits;
import io.interleave.grader.exercise.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Taking a submission's files")
class SubmissionLoaderTest {
    private static final String STUDENT = "src/main/java/race/ChaiStock.java";
    private final Exercise exercise = new Exercise(new Manifest("fix-the-race", "Fix the race", "races", "race",
            List.of(STUDENT), List.of(), List.of("src/test/java/race/ChaiStockPublicTest.java"),
            List.of("hidden/race/ChaiStockHiddenTest.java"), List.of(), Set.of(), new Limits(30, 256, 2),
            List.of(new CheckSpec("compiles", CheckKind.COMPILE, 0, 0, null), new CheckSpec("rules", CheckKind.STRUCTURE, 0, 1, null))),
            Map.of());

    @TempDir
    Path dir;

    @BeforeEach
    void layout() throws Exception {
        Files.createDirectories(dir.resolve("src/main/java/race"));
        Files.createDirectories(dir.resolve("src/test/java/race"));
    }

    @Test
    @DisplayName("takes the student's file and extra sources of the package, and nothing else")
    void takesOnlyStudentFiles() throws Exception {
        Files.writeString(dir.resolve(STUDENT), "package race; public class ChaiStock {}");
        Files.writeString(dir.resolve("src/main/java/race/Helper.java"), "package race; class Helper {}");
        Files.writeString(dir.resolve("src/test/java/race/ChaiStockPublicTest.java"), "tampered");
        Files.writeString(dir.resolve("src/main/java/race/notes.txt"), "ignored");
        FetchResult result = SubmissionLoader.load(dir, exercise);
        assertThat(result).isInstanceOfSatisfying(FetchResult.Accepted.class, accepted ->
                assertThat(accepted.studentFiles()).extracting(SourceFile::path)
                        .containsExactlyInAnyOrder(STUDENT, "src/main/java/race/Helper.java"));
    }

    @Test
    @DisplayName("leaves a given file in the package folder to the grader's own copy instead of refusing it")
    void givenFileInThePackageFolder() throws Exception {
        String given = "src/main/java/race/Cup.java";
        Exercise withGiven = new Exercise(new Manifest("fix-the-race", "Fix the race", "races", "race",
                List.of(STUDENT), List.of(given), List.of(), List.of("hidden/race/ChaiStockHiddenTest.java"), List.of(),
                Set.of(), new Limits(30, 256, 2), List.of(new CheckSpec("compiles", CheckKind.COMPILE, 0, 0, null),
                        new CheckSpec("rules", CheckKind.STRUCTURE, 0, 1, null))), Map.of());
        Files.writeString(dir.resolve(STUDENT), "package race; public class ChaiStock {}");
        Files.writeString(dir.resolve(given), "package race; public record Cup() {}");
        FetchResult result = SubmissionLoader.load(dir, withGiven);
        assertThat(result).isInstanceOfSatisfying(FetchResult.Accepted.class, accepted ->
                assertThat(accepted.studentFiles()).extracting(SourceFile::path).containsExactly(STUDENT));
    }

    @Test
    @DisplayName("refuses a missing student file, saying where it belongs")
    void missing() {
        assertThat(refusals()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo(STUDENT);
            assertThat(r.problem()).contains("missing");
        });
    }

    @Test
    @DisplayName("refuses a student file that is a link to a host file")
    void link() throws Exception {
        Files.createSymbolicLink(dir.resolve(STUDENT), Path.of("/etc/passwd"));
        assertThat(refusals()).singleElement().satisfies(r -> assertThat(r.problem()).contains("link"));
    }

    @Test
    @DisplayName("refuses a folder on the way that is a link")
    void linkedFolder(@TempDir Path elsewhere) throws Exception {
        Files.createDirectories(elsewhere.resolve("race"));
        Files.writeString(elsewhere.resolve("race/ChaiStock.java"), "package race; public class ChaiStock {}");
        Files.delete(dir.resolve("src/main/java/race"));
        Files.createSymbolicLink(dir.resolve("src/main/java/race"), elsewhere.resolve("race"));
        assertThat(refusals()).singleElement().satisfies(r -> assertThat(r.problem()).contains("link"));
    }

    @Test
    @DisplayName("refuses a file over the size limit, with both sizes")
    void tooLarge() throws Exception {
        Files.writeString(dir.resolve(STUDENT), "x".repeat((int) SubmissionLoader.MAX_FILE_BYTES + 1));
        assertThat(refusals()).singleElement().satisfies(r -> assertThat(r.problem()).contains("262,145 bytes").contains("262,144"));
    }

    @Test
    @DisplayName("refuses binary garbage and text that is not UTF-8")
    void binaryAndLatin1() throws Exception {
        Files.write(dir.resolve(STUDENT), new byte[] {'p', 0, 1, 2});
        assertThat(refusals()).singleElement().satisfies(r -> assertThat(r.problem()).contains("binary"));
        Files.write(dir.resolve(STUDENT), "class Caf\u00e9 {}".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(refusals()).singleElement().satisfies(r -> assertThat(r.problem()).contains("UTF-8"));
    }

    @Test
    @DisplayName("refuses an extra file named like one of the exercise's own files")
    void shadowing() throws Exception {
        Files.writeString(dir.resolve(STUDENT), "package race; public class ChaiStock {}");
        Files.writeString(dir.resolve("src/main/java/race/ChaiStockHiddenTest.java"), "package race; class ChaiStockHiddenTest {}");
        assertThat(refusals()).singleElement().satisfies(r -> assertThat(r.problem()).contains("rename"));
    }

    private List<Refusal> refusals() {
        FetchResult result = SubmissionLoader.load(dir, exercise);
        assertThat(result).isInstanceOf(FetchResult.Refused.class);
        return ((FetchResult.Refused) result).refusals();
    }
}
