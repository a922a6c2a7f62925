package io.interleave.grader.scenarios;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.interleave.grader.Pipeline;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.JsonReportWriter;
import io.interleave.grader.report.TextReportWriter;
import io.interleave.grader.sandbox.Sandbox;
import io.interleave.grader.sandbox.SandboxMode;
import io.interleave.grader.sandbox.DockerEngine;
import io.interleave.grader.sandbox.SandboxSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden scenarios: hostile or broken submissions of fix-the-race, each graded end to end in the bwrap
 * sandbox and in the Docker sandbox (skipped, saying why, where no Docker engine answers), with the verdict it
 * must get in both and a lowered score. Bounded time is the grader's own hard limit:
 * every grading must end within the exercise's wall-clock limit plus a margin for starting JVMs, however the
 * submission behaves.
 */
@DisplayName("Golden scenarios")
class GoldenScenarioTest {
    /** Seconds a grading may take beyond the exercise's limit: the grader's JVM, the sandbox, a first cache build. */
    private static final int START_MARGIN_SECONDS = 40;
    private static final ObjectMapper READER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** What a scenario declares: its verdict, the check statuses and message fragments it must show. */
    record Scenario(String description, boolean enforcePolicy, String status,
                    Map<String, String> checks, List<String> messages) {
    }

    @TestFactory
    @DisplayName("in bwrap")
    Stream<DynamicTest> inBwrap() throws Exception {
        return scenarios(() -> SandboxSelector.select(SandboxMode.BWRAP));
    }

    @TestFactory
    @DisplayName("in Docker")
    Stream<DynamicTest> inDocker() throws Exception {
        return scenarios(DockerEngine::sandbox);
    }

    private Stream<DynamicTest> scenarios(Supplier<Sandbox> sandboxes) throws Exception {
        Path root = Path.of(GoldenScenarioTest.class.getResource("/scenarios").toURI());
        Exercise exercise = ExerciseCatalog.bundled().find("fix-the-race").orElseThrow();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream().map(dir -> {
                Scenario scenario = read(dir);
                return DynamicTest.dynamicTest(dir.getFileName() + ": " + scenario.description(), () -> {
                    Sandbox sandbox = sandboxes.get();
                    long start = System.nanoTime();
                    ExerciseReport report = Pipeline.grade(exercise, dir.resolve("fix-the-race"), sandbox, scenario.enforcePolicy());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    String text = new TextReportWriter(false).write(GradeReport.of(List.of(report)));
                    int bound = exercise.manifest().limits().timeoutSeconds() + START_MARGIN_SECONDS;
                    System.out.printf("scenario %s in %s: %s %d/%d in %.1f s%n", dir.getFileName(), sandbox.name(), report.status().id(),
                            report.score(), report.maxScore(), seconds);
                    assertThat(seconds).as("graded within the hard limit (%d s):%n%s", bound, text).isLessThan(bound);
                    assertThat(report.sandbox()).as("the sandbox that ran").startsWith(sandbox.name());
                    assertThat(report.status().id()).as("status:%n%s", text).isEqualTo(scenario.status());
                    assertThat(report.score()).as("a lowered score:%n%s", text).isLessThan(report.maxScore());
                    scenario.checks().forEach((name, status) -> assertThat(report.checks().stream()
                            .filter(c -> c.name().equals(name)).map(c -> c.status().id()).findFirst())
                            .as("check %s:%n%s", name, text).contains(status));
                    String everything = report.message() + "\n" + String.join("\n", report.checks().stream().map(CheckReport::message).toList());
                    for (String fragment : scenario.messages()) {
                        assertThat(everything).as("message:%n%s", text).contains(fragment);
                    }
                    String json = new JsonReportWriter().write(GradeReport.of(List.of(report)));
                    assertThat(json).as("no hidden test source in the report")
                            .doesNotContain("class ChaiStockHiddenTest").doesNotContain("final class RaceCrew");
                });
            }).toList().stream();
        }
    }

    private static Scenario read(Path dir) {
        try {
            return READER.readValue(dir.resolve("scenario.json").toFile(), Scenario.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad scenario.json in " + dir, e);
        }
    }
}
