package io.interleave.grader.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real git repositories for tests, made with the git command line. */
public final class GitRepos {
    private GitRepos() {
    }

    /** Runs git in {@code dir} and returns its standard output; fails the test on a non-zero exit. */
    public static String git(Path dir, String... args) throws IOException, InterruptedException {
        return gitWithDate(dir, "2025-01-01T00:00:00Z", args);
    }

    public static String gitWithDate(Path dir, String date, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Student", "-c", "user.email=student@example.org",
                "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        builder.environment().put("GIT_COMMITTER_DATE", date);
        builder.environment().put("GIT_AUTHOR_DATE", date);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + dir + ":\n" + out);
        }
        return out;
    }

    /** A new repository on branch main. */
    public static Path init(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        git(dir, "init", "-q", "-b", "main");
        return dir;
    }

    /** Writes {@code text} to {@code path} and commits everything with the given committer date. */
    public static String commit(Path repo, String path, String text, String date) throws IOException, InterruptedException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        gitWithDate(repo, date, "add", "-A");
        gitWithDate(repo, date, "commit", "-q", "-m", "change " + path + " at " + date);
        return gitWithDate(repo, date, "rev-parse", "HEAD").strip();
    }
}
