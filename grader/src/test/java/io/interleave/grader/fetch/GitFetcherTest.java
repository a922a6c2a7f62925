package io.interleave.grader.fetch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.interleave.grader.fetch.GitRepos.commit;
import static io.interleave.grader.fetch.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Taking a submission from git")
class GitFetcherTest {
    private static final String FILE = "fix-the-race/src/main/java/race/ChaiStock.java";

    @Test
    @DisplayName("checks out the branch's newest commit from a shallow clone in a private folder, names it, and deletes it afterwards")
    void newest(@TempDir Path dir) throws Exception {
        Path repo = GitRepos.init(dir.resolve("student"));
        commit(repo, FILE, "class A {}", "2025-01-01T10:00:00Z");
        String second = commit(repo, FILE, "class B {}", "2025-01-02T10:00:00Z");
        Path root;
        try (GitCheckout checkout = GitFetcher.fetch(repo.toString(), null, null)) {
            root = checkout.root();
            assertThat(Files.readString(checkout.dir().resolve(FILE))).isEqualTo("class B {}");
            assertThat(checkout.submission().commit()).isEqualTo(second);
            assertThat(checkout.submission().ref()).isEqualTo("main");
            assertThat(checkout.submission().committedAt()).isEqualTo("2025-01-02T10:00:00Z");
            assertThat(Files.exists(root.resolve("repo.git/shallow"))).as("a shallow clone").isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        }
        assertThat(root).doesNotExist();
    }

    @Test
    @DisplayName("grades the last commit on the ref made before the deadline, not the late ones")
    void beforeDeadline(@TempDir Path dir) throws Exception {
        Path repo = GitRepos.init(dir.resolve("student"));
        commit(repo, FILE, "class A {}", "2025-01-01T10:00:00Z");
        String onTime = commit(repo, FILE, "class OnTime {}", "2025-02-28T23:00:00Z");
        commit(repo, FILE, "class Late {}", "2025-03-02T09:00:00Z");
        git(repo, "checkout", "-q", "-b", "feature");
        String feature = commit(repo, FILE, "class Feature {}", "2025-01-05T00:00:00Z");
        git(repo, "checkout", "-q", "main");
        try (GitCheckout checkout = GitFetcher.fetch(repo.toString(), "main", Instant.parse("2025-03-01T00:00:00Z"))) {
            assertThat(checkout.submission().commit()).isEqualTo(onTime);
            assertThat(Files.readString(checkout.dir().resolve(FILE))).isEqualTo("class OnTime {}");
            assertThat(checkout.submission().deadline()).isEqualTo("2025-03-01T00:00:00Z");
        }
        try (GitCheckout checkout = GitFetcher.fetch(repo.toString(), "refs/heads/feature", null)) {
            assertThat(checkout.submission().commit()).isEqualTo(feature);
            assertThat(checkout.submission().ref()).isEqualTo("feature");
        }
        assertThatThrownBy(() -> GitFetcher.fetch(repo.toString(), "main", Instant.parse("2024-01-01T00:00:00Z")))
                .isInstanceOf(GitRefusedException.class).hasMessageContaining("no commit on 'main'").hasMessageContaining("before 2024-01-01T00:00:00Z");
        assertThatThrownBy(() -> GitFetcher.fetch(repo.toString(), "nope", null))
                .isInstanceOf(GitRefusedException.class).hasMessageContaining("has no branch or tag 'nope'");
        assertThatThrownBy(() -> GitFetcher.fetch(dir.resolve("missing").toString(), null, null))
                .isInstanceOf(GitRefusedException.class).hasMessageContaining("cannot clone");
    }

    @Test
    @DisplayName("refuses a repository with a submodule, naming it and the fix")
    void submodule(@TempDir Path dir) throws Exception {
        Path repo = GitRepos.init(dir.resolve("student"));
        String sha = commit(repo, FILE, "class A {}", "2025-01-01T10:00:00Z");
        git(repo, "update-index", "--add", "--cacheinfo", "160000," + sha + ",vendor/lib");
        git(repo, "commit", "-q", "-m", "add a submodule");
        assertThatThrownBy(() -> GitFetcher.fetch(repo.toString(), null, null)).isInstanceOf(GitRefusedException.class)
                .hasMessageContaining("submodule (vendor/lib)").hasMessageContaining("git rm vendor/lib");
    }

    @Test
    @DisplayName("refuses a link that leaves the repository, and keeps one that stays inside")
    void links(@TempDir Path dir) throws Exception {
        Path repo = GitRepos.init(dir.resolve("student"));
        commit(repo, FILE, "class A {}", "2025-01-01T10:00:00Z");
        Files.createSymbolicLink(repo.resolve("fix-the-race/inside"), Path.of("src/main/java/race/ChaiStock.java"));
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "inside link");
        try (GitCheckout checkout = GitFetcher.fetch(repo.toString(), null, null)) {
            assertThat(Files.isSymbolicLink(checkout.dir().resolve("fix-the-race/inside"))).isTrue();
        }
        Files.createSymbolicLink(repo.resolve("fix-the-race/secrets"), Path.of("../../../../etc/passwd"));
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "outside link");
        assertThatThrownBy(() -> GitFetcher.fetch(repo.toString(), null, null)).isInstanceOf(GitRefusedException.class)
                .hasMessageContaining("the link fix-the-race/secrets points outside the repository (to ../../../../etc/passwd)");
    }

    @Test
    @DisplayName("refuses an oversized repository with the sizes and what to leave out")
    void oversized(@TempDir Path dir) throws Exception {
        Path repo = GitRepos.init(dir.resolve("student"));
        commit(repo, FILE, "class A {}", "2025-01-01T10:00:00Z");
        byte[] noise = new byte[(int) GitFetcher.MAX_TREE_BYTES + 1024];
        new Random(1).nextBytes(noise);
        Files.write(repo.resolve("dump.bin"), noise);
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "a big file");
        assertThatThrownBy(() -> GitFetcher.fetch(repo.toString(), null, null)).isInstanceOf(GitRefusedException.class)
                .hasMessageContaining("the repository is oversized").hasMessageContaining("keep build output, data and binaries out of it");
    }
}
