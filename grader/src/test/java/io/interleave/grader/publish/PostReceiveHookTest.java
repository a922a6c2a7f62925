package io.interleave.grader.publish;

import io.interleave.grader.cli.GraderMain;
import io.interleave.grader.fetch.GitRepos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static io.interleave.grader.fetch.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The post-receive hook")
class PostReceiveHookTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = GraderMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** A student's clone holding the fix-the-race stub, ready to push. */
    private static Path student(Path dir) throws Exception {
        Path repo = GitRepos.init(dir.resolve("student"));
        Path stub = Path.of("..", "solutions", "fix-the-race", "stub", "src", "main", "java", "race", "ChaiStock.java");
        GitRepos.commit(repo, "fix-the-race/src/main/java/race/ChaiStock.java", Files.readString(stub), "2025-01-01T10:00:00Z");
        return repo;
    }

    @Test
    @DisplayName("grades a real git push to a bare repository and shows the score table to the pusher as remote: lines")
    void gradesPush(@TempDir Path dir) throws Exception {
        Path bare = dir.resolve("class/alice.git");
        Files.createDirectories(bare);
        git(bare, "init", "-q", "--bare", "-b", "main");
        assertThat(run("hook", "install", "--exercise", "fix-the-race", bare.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Installed").contains("post-receive");
        Path repo = student(dir);
        String commit = git(repo, "rev-parse", "HEAD").strip();
        String push = git(repo, "push", bare.toUri().toString(), "main");
        assertThat(push).contains("remote: Interleave: grading main at " + commit)
                .contains("remote: Graded commit " + commit + " of main")
                .containsPattern("remote: fix-the-race +\\d+/20")
                .containsPattern("remote: Total: \\d+/20");
        assertThat(git(bare, "rev-parse", "main").strip()).isEqualTo(commit);
    }

    @Test
    @DisplayName("never rejects or loses a push when grading fails, and says so; refuses to replace a hook it did not install")
    void neverRejects(@TempDir Path dir) throws Exception {
        Path bare = dir.resolve("bob.git");
        Files.createDirectories(bare);
        git(bare, "init", "-q", "--bare", "-b", "main");
        Files.writeString(bare.resolve("hooks/post-receive"), "#!/bin/sh\necho someone else's hook\n");
        assertThat(run("hook", "install", bare.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("exists and was not installed by the grader").contains("--force");
        assertThat(run("hook", "install", "--force", "--grader-command", dir.resolve("no/such/grader").toString(), bare.toString())).isZero();
        Path repo = student(dir);
        String push = git(repo, "push", bare.toUri().toString(), "main");
        assertThat(push).contains("remote: Interleave: grading did not finish (exit 127); your push is saved.");
        assertThat(git(bare, "rev-parse", "main").strip()).isEqualTo(git(repo, "rev-parse", "HEAD").strip());
        assertThat(run("hook", "install", dir.resolve("not-a-repo").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not a bare git repository").contains("git init --bare");
    }
}
