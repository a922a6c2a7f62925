package io.interleave.grader.scenarios;

import io.interleave.grader.Pipeline;
import io.interleave.grader.cli.GraderMain;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.CheckStatus;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.TextReportWriter;
import io.interleave.grader.sandbox.DockerEngine;
import io.interleave.grader.sandbox.DockerSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Real submissions graded through a Docker engine: the backend, its clean-up, and the grader image. */
@DisplayName("Grading with Docker")
class DockerGradingTest {
    private static final Path SOLUTIONS = Path.of("..", "solutions", "fix-the-race").toAbsolutePath().normalize();
    private final Exercise exercise = ExerciseCatalog.bundled().find("fix-the-race").orElseThrow();

    @Test
    @DisplayName("gives a correct solution full marks and takes marks from the stub in the checks that must catch it")
    void correctAndWrong() throws Exception {
        DockerSandbox docker = DockerEngine.sandbox();
        ExerciseReport correct = Pipeline.grade(exercise, SOLUTIONS.resolve("synchronized-methods"), docker);
        assertThat(correct.score()).as(text(correct)).isEqualTo(correct.maxScore());
        assertThat(correct.sandbox()).startsWith("docker (container of " + docker.image());
        ExerciseReport stub = Pipeline.grade(exercise, SOLUTIONS.resolve("stub"), docker);
        assertThat(stub.score()).as(text(stub)).isLessThan(stub.maxScore());
        assertThat(stub.checks()).as(text(stub))
                .filteredOn(c -> List.of("no-lost-restocks", "no-oversell", "books-balance").contains(c.name()))
                .extracting(CheckReport::status).containsOnly(CheckStatus.FAIL).hasSize(3);
    }

    @Test
    @DisplayName("removes the container when the grader is stopped with SIGTERM mid-run")
    void cleansUpOnSigterm() throws Exception {
        DockerSandbox docker = DockerEngine.sandbox();
        Path endless = Path.of(DockerGradingTest.class.getResource("/scenarios/timeout").toURI()).resolve("fix-the-race");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GraderMain.class.getName(), "grade",
                "--sandbox", "docker", "--docker-image", docker.image(), "--exercise", "fix-the-race", endless.toString()));
        Process grader = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String running = "";
            for (int i = 0; i < 240 && running.isEmpty() && grader.isAlive(); i++) {
                Thread.sleep(500);
                running = containers(docker, "running");
            }
            assertThat(running).as("a grading container ran").isNotEmpty();
            grader.destroy();
            assertThat(grader.waitFor(60, TimeUnit.SECONDS)).as("the grader stops on SIGTERM").isTrue();
            assertThat(containers(docker, "")).as("no grading container is left").isEmpty();
        } finally {
            grader.destroyForcibly();
        }
    }

    @Test
    @DisplayName("runs the grader image as the README says on a mounted submission: its own container is the sandbox")
    void graderImage() throws Exception {
        DockerSandbox docker = DockerEngine.sandbox();
        Process run = new ProcessBuilder(docker.docker().toString(), "run", "--rm", "--network", "none", "--read-only",
                "--tmpfs", "/tmp", "--memory", "1g", "--pids-limit", "2048", "--cap-drop", "ALL",
                "--security-opt", "no-new-privileges",
                "--volume", SOLUTIONS.resolve("synchronized-methods") + ":/submission:ro", docker.image(),
                "grade", "--exercise", "fix-the-race", "/submission").redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("fix-the-race  20/20", "[sandbox: container (", "Total: 20/20");
    }

    /** Ids of the grader's containers (all states, or those with {@code status}). */
    private static String containers(DockerSandbox docker, String status) throws Exception {
        List<String> ps = new ArrayList<>(List.of(docker.docker().toString(), "ps", "--quiet", "--all",
                "--filter", "name=" + DockerSandbox.CONTAINER_PREFIX));
        if (!status.isEmpty()) {
            ps.addAll(List.of("--filter", "status=" + status));
        }
        Process p = new ProcessBuilder(ps).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static String text(ExerciseReport report) {
        return new TextReportWriter(false).write(GradeReport.of(List.of(report)));
    }
}
