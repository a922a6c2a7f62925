package io.interleave.grader.runner;

import io.interleave.grader.Pipeline;
import io.interleave.grader.compile.CompileOutcome;
import io.interleave.grader.compile.SourceCompiler;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.fetch.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Compiling a submission against the tests precompiled with the grader")
class PrecompiledCompileTest {
    private static final Path SOLUTIONS = Path.of("..", "solutions").toAbsolutePath().normalize();
    private static final String CLASS_PATH = System.getProperty("java.class.path");
    private static final ExerciseCatalog CATALOG = ExerciseCatalog.bundled();

    @Test
    @DisplayName("the build precompiled every exercise's tests, and fix-the-race's jcstress harness")
    void everyExerciseIsPrecompiled() {
        for (Exercise exercise : CATALOG.all()) {
            Precompiled precompiled = Pipeline.job(exercise, stub(exercise), true, false).precompiled();
            assertThat(precompiled).as(exercise.slug()).isNotNull();
            assertThat(precompiled.stub()).as(exercise.slug()).isNotEmpty();
            exercise.manifest().hiddenTests().forEach(path -> assertThat(precompiled.classes())
                    .as(exercise.slug()).containsKey(path.substring("hidden/".length(), path.length() - ".java".length()).replace('/', '.')));
        }
        Precompiled race = Pipeline.job(CATALOG.find("fix-the-race").orElseThrow(),
                stub(CATALOG.find("fix-the-race").orElseThrow()), true, false).precompiled();
        assertThat(race.testList()).contains("race.RestockAtomicityStress", "race.LastCupStress", "race.RestockWhileSellingStress");
        assertThat(race.harness()).containsKey("race.RestockAtomicityStress_jcstress");
    }

    @Test
    @DisplayName("every correct solution compiles alone and links to the precompiled tests")
    void correctSolutionsLink() throws IOException {
        int linked = 0;
        for (Exercise exercise : CATALOG.all()) {
            for (Path variant : variants(exercise.slug())) {
                if (!Files.readString(variant.resolve("expected.json")).contains("\"full-marks\"")) {
                    continue;
                }
                RunJob job = Pipeline.job(exercise, studentFiles(exercise, variant), true, false);
                RunnerMain.Compilation compilation = RunnerMain.compile(job.sources(), job.precompiled(), CLASS_PATH);
                assertThat(compilation.outcome().success()).as("%s compiles", variant).isTrue();
                assertThat(compilation.linked()).as("%s links to the precompiled tests", variant).isTrue();
                assertThat(compilation.outcome().classes()).as(variant.toString()).containsAllEntriesOf(job.precompiled().classes());
                linked++;
            }
        }
        assertThat(linked).isGreaterThanOrEqualTo(12);
    }

    @Test
    @DisplayName("a submission that changes what the tests use gets exactly the compiler's verdict on all sources")
    void changedApiFallsBackToTheFullCompile() {
        Exercise race = CATALOG.find("fix-the-race").orElseThrow();
        String stub = race.text(race.manifest().studentFiles().get(0)).orElseThrow();

        String noCups = stub.replace("public long cups() {", "public long count() {");
        RunJob job = Pipeline.job(race, List.of(new SourceFile(race.manifest().studentFiles().get(0), SourceFile.Role.STUDENT, noCups)), true, false);
        RunnerMain.Compilation compilation = RunnerMain.compile(job.sources(), job.precompiled(), CLASS_PATH);
        CompileOutcome full = SourceCompiler.compile(job.sources(), CLASS_PATH);
        assertThat(compilation.linked()).isFalse();
        assertThat(compilation.outcome().success()).isFalse();
        assertThat(compilation.outcome().diagnostics()).isEqualTo(full.diagnostics()).isNotEmpty();

        String intCups = stub.replace("public void restock(long cups) {", "public void restock(int cups) {");
        job = Pipeline.job(race, List.of(new SourceFile(race.manifest().studentFiles().get(0), SourceFile.Role.STUDENT, intCups)), true, false);
        compilation = RunnerMain.compile(job.sources(), job.precompiled(), CLASS_PATH);
        assertThat(compilation.linked()).isFalse();
        assertThat(compilation.outcome().diagnostics()).isEqualTo(SourceCompiler.compile(job.sources(), CLASS_PATH).diagnostics());

        List<SourceFile> clash = new ArrayList<>(List.of(new SourceFile(race.manifest().studentFiles().get(0), SourceFile.Role.STUDENT, stub),
                new SourceFile("src/main/java/race/Interleavings.java", SourceFile.Role.STUDENT, "package race; class Interleavings { }")));
        job = Pipeline.job(race, clash, true, false);
        compilation = RunnerMain.compile(job.sources(), job.precompiled(), CLASS_PATH);
        assertThat(compilation.linked()).isFalse();
        assertThat(compilation.outcome().success()).isFalse();
        assertThat(compilation.outcome().diagnostics()).isEqualTo(SourceCompiler.compile(job.sources(), CLASS_PATH).diagnostics());
    }

    private static List<SourceFile> stub(Exercise exercise) {
        return exercise.manifest().studentFiles().stream()
                .map(path -> new SourceFile(path, SourceFile.Role.STUDENT, exercise.text(path).orElseThrow())).toList();
    }

    private static List<SourceFile> studentFiles(Exercise exercise, Path variant) throws IOException {
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(variant.resolve("src"))) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                files.add(new SourceFile(variant.relativize(file).toString().replace('\\', '/'), SourceFile.Role.STUDENT, Files.readString(file)));
            }
        }
        return files;
    }

    private static List<Path> variants(String slug) throws IOException {
        try (Stream<Path> list = Files.list(SOLUTIONS.resolve(slug))) {
            return list.filter(p -> Files.isRegularFile(p.resolve("expected.json"))).sorted().toList();
        }
    }
}
