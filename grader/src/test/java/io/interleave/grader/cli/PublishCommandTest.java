package io.interleave.grader.cli;

import io.interleave.grader.exercise.CheckKind;
import io.interleave.grader.publish.FakeForge;
import io.interleave.grader.publish.HttpApi;
import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.CheckStatus;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.ExerciseStatus;
import io.interleave.grader.report.Finding;
import io.interleave.grader.report.GradeReport;
import io.interleave.grader.report.HiddenChecks;
import io.interleave.grader.report.JsonReportWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("grader publish")
class PublishCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();

    @AfterEach
    void restore() {
        PublishOptions.environment = System::getenv;
    }

    private int run(String... args) {
        PublishOptions.environment = env::get;
        CommandLine cli = GraderMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** A saved report: a compile error at a line, and a hidden check students may only see as pass/fail. */
    private static Path saved(Path dir) throws Exception {
        CheckReport compiles = new CheckReport("compiles", null, CheckKind.COMPILE, false, 0, CheckStatus.ERROR, 0, 0,
                "compile errors: src/main/java/race/ChaiStock.java:7: ';' expected", 100,
                List.of(new Finding("src/main/java/race/ChaiStock.java", 7, "';' expected, near a, b: c")));
        CheckReport hidden = new CheckReport("secret-oracle", null, CheckKind.TEST, true, 1, CheckStatus.SKIPPED, 0, 3,
                "not run: the code does not compile", 0, List.of());
        GradeReport report = GradeReport.of(List.of(new ExerciseReport("fix-the-race", "Fix the race", 0, 3, ExerciseStatus.ERROR,
                "does not compile", "bwrap", HiddenChecks.PASS_FAIL, List.of(compiles, hidden))));
        Path file = dir.resolve("report.json");
        Files.writeString(file, new JsonReportWriter().write(report));
        Files.createDirectories(dir.resolve("checkout/fix-the-race"));
        return file;
    }

    private void github(FakeForge forge, Path dir) throws Exception {
        Path event = dir.resolve("event.json");
        Files.writeString(event, "{\"action\":\"synchronize\",\"number\":7,\"pull_request\":{\"number\":7}}");
        env.put("GITHUB_TOKEN", "t0ken");
        env.put("GITHUB_REPOSITORY", "course/alice");
        env.put("GITHUB_EVENT_PATH", event.toString());
        env.put("GITHUB_API_URL", forge.url());
        env.put("GITHUB_STEP_SUMMARY", dir.resolve("summary.md").toString());
    }

    @Test
    @DisplayName("creates one sticky comment, finds it again on a later page of comments and edits it, never duplicating it")
    void githubSticky(@TempDir Path dir) throws Exception {
        try (FakeForge forge = new FakeForge(FakeForge.Flavour.GITHUB, "t0ken")) {
            forge.addComment("LGTM");
            forge.addComment("please rebase");
            forge.addComment("a third comment");
            github(forge, dir);
            String[] args = {"publish", "github", "--report", saved(dir).toString(), "--root", dir.resolve("checkout").toString(),
                    "--retry-pause-ms", "10"};
            assertThat(run(args)).as(err.toString()).isZero();
            assertThat(forge.comments()).hasSize(4);
            forge.addComment("a comment after ours");
            forge.addComment("and another");
            assertThat(run(args)).as(err.toString()).isZero();
            List<String> ours = forge.comments().values().stream().filter(b -> b.contains("<!-- interleave-grader:report -->")).toList();
            assertThat(ours).as("one sticky comment").hasSize(1);
            assertThat(ours.get(0)).contains("### Interleave: 0/3").contains("Hidden check 1").doesNotContain("secret");
            List<FakeForge.Request> requests = forge.requests();
            assertThat(requests).extracting(FakeForge.Request::method).containsExactly("GET", "GET", "POST", "GET", "GET", "PATCH");
            assertThat(requests.get(1).query()).contains("page=2");
            assertThat(requests.get(5).path()).matches("/repos/course/alice/issues/comments/\\d+");
            assertThat(requests).allSatisfy(r -> assertThat(r.auth()).isEqualTo("Bearer t0ken"));
            assertThat(Files.readString(dir.resolve("summary.md"))).contains("### Interleave: 0/3");
            assertThat(out.toString()).contains("::error file=fix-the-race/src/main/java/race/ChaiStock.java,line=7,"
                    + "title=fix-the-race%3A Compiles::';' expected, near a, b: c");
        }
    }

    @Test
    @DisplayName("retries a 5xx and then succeeds, and explains a 403 with the permission the workflow needs")
    void githubFailures(@TempDir Path dir) throws Exception {
        try (FakeForge forge = new FakeForge(FakeForge.Flavour.GITHUB, "t0ken")) {
            github(forge, dir);
            Path report = saved(dir);
            forge.inject("POST", 502);
            forge.inject("POST", 503);
            assertThat(run("publish", "github", "--report", report.toString(), "--retry-pause-ms", "10")).as(err.toString()).isZero();
            assertThat(forge.requests().stream().filter(r -> r.method().equals("POST")).count()).isEqualTo(3);
            assertThat(forge.comments()).hasSize(1);

            forge.inject("GET", 403);
            assertThat(run("publish", "github", "--report", report.toString(), "--retry-pause-ms", "10")).isEqualTo(ExitCodes.PUBLISH_FAILED);
            assertThat(err.toString()).contains("GitHub forbade GET /repos/course/alice/issues/7/comments (403 Resource not accessible by integration)")
                    .contains("permissions: pull-requests: write").contains("pull_request_target");

            for (int i = 0; i < HttpApi.ATTEMPTS; i++) {
                forge.inject("GET", 500);
            }
            assertThat(run("publish", "github", "--report", report.toString(), "--retry-pause-ms", "10")).isEqualTo(ExitCodes.PUBLISH_FAILED);
            assertThat(err.toString()).contains("did not answer GET").contains("after 4 attempts (last: 500 Server Error)");
            env.put("GITHUB_TOKEN", "wrong");
            assertThat(run("publish", "github", "--report", report.toString(), "--retry-pause-ms", "10")).isEqualTo(ExitCodes.PUBLISH_FAILED);
            assertThat(err.toString()).contains("GitHub refused the token (401 Bad credentials)");
        }
    }

    @Test
    @DisplayName("keeps one sticky merge-request note on GitLab across pages (X-Next-Page), and writes a Code Quality report")
    void gitlab(@TempDir Path dir) throws Exception {
        try (FakeForge forge = new FakeForge(FakeForge.Flavour.GITLAB, "glpat-1")) {
            forge.addComment("first");
            forge.addComment("second");
            forge.addComment("third");
            env.put("GITLAB_TOKEN", "glpat-1");
            env.put("CI_API_V4_URL", forge.url());
            env.put("CI_PROJECT_ID", "course/alice");
            env.put("CI_MERGE_REQUEST_IID", "12");
            Path quality = dir.resolve("gl-code-quality-report.json");
            String[] args = {"publish", "gitlab", "--report", saved(dir).toString(), "--root", dir.resolve("checkout").toString(),
                    "--codequality", quality.toString(), "--retry-pause-ms", "10"};
            forge.inject("GET", 502);
            assertThat(run(args)).as(err.toString()).isZero();
            assertThat(run(args)).as(err.toString()).isZero();
            assertThat(forge.comments().values().stream().filter(b -> b.contains("interleave-grader:report")).count()).isEqualTo(1);
            assertThat(forge.requests()).extracting(FakeForge.Request::method)
                    .containsExactly("GET", "GET", "GET", "POST", "GET", "GET", "PUT");
            assertThat(forge.requests().get(0).path()).isEqualTo("/api/v4/projects/course%2Falice/merge_requests/12/notes");
            assertThat(forge.requests()).allSatisfy(r -> assertThat(r.auth()).isEqualTo("glpat-1"));
            assertThat(Files.readString(quality)).contains("\"path\" : \"fix-the-race/src/main/java/race/ChaiStock.java\"")
                    .contains("\"begin\" : 7");
        }
    }

    @Test
    @DisplayName("says which variable is missing, and writes the summary only when the event is not a pull request")
    void missingEnvironment(@TempDir Path dir) throws Exception {
        Path report = saved(dir);
        assertThat(run("publish", "github", "--report", report.toString())).isZero();
        assertThat(err.toString()).contains("GITHUB_EVENT_PATH is not set");
        Path event = dir.resolve("event.json");
        Files.writeString(event, "{\"pull_request\":{\"number\":3}}");
        env.put("GITHUB_EVENT_PATH", event.toString());
        assertThat(run("publish", "github", "--report", report.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("set GITHUB_TOKEN");
        env.put("CI_MERGE_REQUEST_IID", "4");
        assertThat(run("publish", "gitlab", "--report", report.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("set GITLAB_TOKEN");
    }
}
