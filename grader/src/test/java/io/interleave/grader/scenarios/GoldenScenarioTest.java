package io.interleave.grader.scenarios;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.interleave.grader.Pipeline;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.exercise.Limits;
import io.interleave.grader.exercise.Manifest;
import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.ReportFormat;
import io.interleave.grader.report.TextReportWriter;
import io.interleave.grader.sandbox.Sandbox;
import io.interleave.grader.sandbox.DockerEngine;
import io.interleave.grader.sandbox.LocalSandboxes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden scenarios: hostile or broken submissions of fix-the-race (a wrong answer plus an attack), each graded
 * end to end in bwrap, in unshare and in Docker (bwrap skipped, saying why, where it is not installed, Docker where
 * no engine answers), with the verdict it must get and a lowered score. Bounded time
 * is the grader's own hard limit: every grading must end within the exercise's wall-clock limit plus a margin
 * for starting JVMs, however the submission behaves (twice the limit when a check killed the grading JVM and the checks
 * it kept from running ran again). The host must show no trace (no file written where the
 * scenario tried, no connection reached on a host listener), and no report format may carry any part of the
 * hidden tests.
 */
@DisplayName("Golden scenarios")
class GoldenScenarioTest {
    /** Seconds a grading may take beyond the exercise's limit: the grader's JVM, the sandbox, a first cache build. */
    private static final int START_MARGIN_SECONDS = 40;
    private static final ObjectMapper READER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Fragments of the hidden tests: their sources, and their class files raw or in Base64 or hex. */
    private static final List<String> HIDDEN_MARKERS = List.of("class ChaiStockHiddenTest", "final class Interleavings",
            "class StockOperations", "Interleavings.java", "StockOperations.java", "ChaiStockHiddenTest.java", "yv66vg",
            "cafebabe", "cGFja2FnZSByYWNl");
    /** {@code -Dscenarios=name,name} runs only those scenarios (while working on one); all of them by default. */
    private static final List<String> ONLY = List.of(System.getProperty("scenarios", "").split(",")).stream()
            .filter(n -> !n.isBlank()).toList();

    /**
     * What a scenario declares: its verdict, the check statuses and message fragments it must show; optionally
     * host paths it tries to write ({@code ~} is the home folder, relative paths are tried from the working
     * folder and the submission), a host port it tries to reach, a lower time limit, and a host file that the
     * student file is a link to.
     */
    record Scenario(String description, boolean enforcePolicy, String status, Map<String, String> checks,
                    List<String> messages, List<String> hostTraces, Integer listenPort, Integer timeoutSeconds,
                    String linkTo) {
        Scenario {
            hostTraces = hostTraces == null ? List.of() : hostTraces;
        }
    }

    @TestFactory
    @DisplayName("in bwrap")
    Stream<DynamicTest> inBwrap() throws Exception {
        return scenarios(LocalSandboxes::bwrap);
    }

    @TestFactory
    @DisplayName("in unshare")
    Stream<DynamicTest> inUnshare() throws Exception {
        return scenarios(LocalSandboxes::unshare);
    }

    @TestFactory
    @DisplayName("in Docker")
    Stream<DynamicTest> inDocker() throws Exception {
        return scenarios(DockerEngine::sandbox);
    }

    private Stream<DynamicTest> scenarios(Supplier<Sandbox> sandboxes) throws Exception {
        Path root = Path.of(GoldenScenarioTest.class.getResource("/scenarios").toURI());
        Exercise exercise = ExerciseCatalog.bundled().find("fix-the-race").orElseThrow();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory)
                    .filter(d -> ONLY.isEmpty() || ONLY.contains(d.getFileName().toString())).sorted().toList()) {
                Scenario scenario = read(dir);
                tests.add(DynamicTest.dynamicTest(dir.getFileName() + ": " + scenario.description(),
                        () -> grade(dir, scenario, limited(exercise, scenario), sandboxes.get())));
            }
        }
        return tests.stream();
    }

    private static void grade(Path dir, Scenario scenario, Exercise exercise, Sandbox sandbox) throws Exception {
        Path submission = copy(dir.resolve("fix-the-race"), scenario);
        List<Path> traces = traces(scenario, submission);
        for (Path trace : traces) {
            Files.deleteIfExists(trace);
        }
        AtomicInteger reached = new AtomicInteger();
        try (ServerSocket listener = scenario.listenPort() == null ? null : listen(scenario.listenPort(), reached)) {
            long start = System.nanoTime();
            ExerciseReport report = Pipeline.grade(exercise, submission, sandbox, scenario.enforcePolicy());
            double seconds = (System.nanoTime() - start) / 1e9;
            GradeReport whole = GradeReport.of(List.of(report));
            String text = new TextReportWriter(false).write(whole);
            // the grader's contract: one JVM within the limit; when a check killed it, the reruns for the checks it
            // kept from running take the whole grading to at most twice the limit (Pipeline.reruns)
            int limit = exercise.manifest().limits().timeoutSeconds();
            boolean reran = report.message() != null && report.message().contains("ran again in a fresh one");
            int bound = (reran ? 2 * limit : limit) + START_MARGIN_SECONDS;
            System.out.printf(Locale.ROOT, "scenario %s [%s]: %s %d/%d in %.1f s%n", dir.getFileName(), sandbox.name(),
                    report.status().id(), report.score(), report.maxScore(), seconds);
            assertThat(seconds).as("graded within the hard limit (%d s%s):%n%s", bound, reran ? ", with reruns" : "", text).isLessThan(bound);
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
            for (ReportFormat format : ReportFormat.values()) {
                String written = format.writer(false).write(whole).toLowerCase(Locale.ROOT);
                for (String marker : HIDDEN_MARKERS) {
                    assertThat(written).as("no part of the hidden tests in the %s report", format)
                            .doesNotContain(marker.toLowerCase(Locale.ROOT));
                }
            }
            if (listener != null) {
                Thread.sleep(200);
                assertThat(reached).as("connections that reached the host's port %d", scenario.listenPort()).hasValue(0);
            }
        } finally {
            deleteTree(submission.getParent());
        }
        for (Path trace : traces) {
            assertThat(trace).as("a file the submission tried to write on the host").doesNotExist();
        }
    }

    /** The exercise, with the scenario's lower time limit if it has one (to keep the suite fast). */
    private static Exercise limited(Exercise exercise, Scenario scenario) {
        if (scenario.timeoutSeconds() == null) {
            return exercise;
        }
        Manifest m = exercise.manifest();
        Limits limits = new Limits(scenario.timeoutSeconds(), m.limits().memoryMb(), m.limits().cpus());
        return new Exercise(new Manifest(m.slug(), m.title(), m.teaches(), m.packageName(), m.studentFiles(), m.givenFiles(),
                m.publicTests(), m.hiddenTests(), m.stressTests(), m.permissions(), limits, m.checks(), m.hiddenChecks(), m.tools()),
                exercise.files());
    }

    /** A private copy of the scenario's submission, with the student file replaced by a link if the scenario says so. */
    private static Path copy(Path from, Scenario scenario) throws IOException {
        Path to = Files.createDirectories(Files.createTempDirectory("interleave-scenario").resolve("fix-the-race"));
        if (!Files.isDirectory(from)) {
            from = to;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        if (scenario.linkTo() != null) {
            Path student = to.resolve("src/main/java/race/ChaiStock.java");
            Files.createDirectories(student.getParent());
            Files.deleteIfExists(student);
            Files.createSymbolicLink(student, Path.of(scenario.linkTo()));
        }
        return to;
    }

    private static List<Path> traces(Scenario scenario, Path submission) {
        List<Path> traces = new ArrayList<>();
        for (String trace : scenario.hostTraces()) {
            if (trace.startsWith("~/")) {
                traces.add(Path.of(System.getProperty("user.home"), trace.substring(2)));
            } else if (trace.startsWith("/")) {
                traces.add(Path.of(trace));
            } else {
                traces.add(Path.of(trace).toAbsolutePath().normalize());
                traces.add(submission.resolve(trace).normalize());
            }
        }
        return traces;
    }

    private static ServerSocket listen(int port, AtomicInteger reached) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(port));
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket ignored = listener.accept()) {
                    reached.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "scenario-listener");
        acceptor.setDaemon(true);
        acceptor.start();
        return listener;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
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
