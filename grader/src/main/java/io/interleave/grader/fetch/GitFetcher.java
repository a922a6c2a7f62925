package io.interleave.grader.fetch;

import io.interleave.grader.report.Submission;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Takes a submission from git: clones a URL or local path (shallow unless a deadline needs history) into a
 * private temporary folder, picks the ref's last commit (before the deadline, by committer date), refuses
 * submodules, links that leave the repository and oversized repositories, and checks the commit out.
 */
public final class GitFetcher {
    /** The largest clone taken, on disk. */
    public static final long MAX_REPOSITORY_BYTES = 64L * 1024 * 1024;
    /** The most bytes of files one commit may hold. */
    public static final long MAX_TREE_BYTES = 16L * 1024 * 1024;
    /** The most files one commit may hold. */
    public static final int MAX_FILES = 5_000;
    private static final long GIT_TIMEOUT_SECONDS = 300;

    private GitFetcher() {
    }

    /** Clones {@code source} and checks out the commit to grade; the caller closes the checkout. */
    public static GitCheckout fetch(String source, String ref, Instant before) throws GitRefusedException, IOException, InterruptedException {
        Path root = Files.createTempDirectory("interleave-git-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        boolean done = false;
        try {
            GitCheckout checkout = fetchInto(root, source, ref, before);
            done = true;
            return checkout;
        } finally {
            if (!done) {
                new GitCheckout(root, root, null).close();
            }
        }
    }

    private static GitCheckout fetchInto(Path root, String source, String ref, Instant before)
            throws GitRefusedException, IOException, InterruptedException {
        String url = source;
        Path local = Path.of(source);
        if (!source.contains("://") && !source.matches("[\\w.-]+@[\\w.-]+:.*") && Files.isDirectory(local)) {
            url = local.toAbsolutePath().normalize().toUri().toString();
        }
        String branch = ref == null ? null : ref.replaceFirst("^refs/(heads|tags)/", "");
        Path bare = root.resolve("repo.git");
        List<String> clone = new ArrayList<>(List.of("clone", "--bare", "--quiet", "--no-tags", "--single-branch"));
        if (before == null) {
            clone.addAll(List.of("--depth", "1"));
        }
        if (branch != null) {
            clone.addAll(List.of("--branch", branch));
        }
        clone.addAll(List.of("--", url, bare.toString()));
        Result cloned = git(root, clone);
        if (cloned.code != 0) {
            String why = cloned.err.strip();
            if (branch != null && (why.contains("Remote branch") || why.contains("not found in upstream"))) {
                throw new GitRefusedException("the repository " + source + " has no branch or tag '" + branch + "'; pass --ref with one it has");
            }
            throw new GitRefusedException("cannot clone " + source + ": " + firstLine(why)
                    + "; check the URL or path, and that this machine may read it");
        }
        long size = sizeOf(bare);
        if (size > MAX_REPOSITORY_BYTES) {
            throw new GitRefusedException(String.format(Locale.ROOT, "the repository is oversized: %,d bytes after cloning, at most %,d"
                    + " are graded; keep build output, data and binaries out of it", size, MAX_REPOSITORY_BYTES));
        }
        String commit;
        if (before == null) {
            commit = gitOut(bare, List.of("rev-parse", "--verify", "HEAD^{commit}")).strip();
        } else {
            commit = gitOut(bare, List.of("rev-list", "-1", "--before=" + before.getEpochSecond(), "HEAD")).strip();
            if (commit.isEmpty()) {
                throw new GitRefusedException("no commit on " + (branch == null ? "the default branch" : "'" + branch + "'")
                        + " of " + source + " was made before " + before + "; nothing to grade");
            }
        }
        inspect(bare, commit);
        Path work = root.resolve("work");
        Files.createDirectory(work);
        Result checkout = git(root, List.of("--git-dir=" + bare, "--work-tree=" + work, "-c", "core.symlinks=true",
                "checkout", "--quiet", "--force", commit, "--", "."));
        if (checkout.code != 0) {
            throw new IOException("git checkout of " + commit + " failed: " + firstLine(checkout.err));
        }
        String committedAt = gitOut(bare, List.of("show", "-s", "--format=%cI", commit)).strip();
        String shownRef = branch != null ? branch : gitOut(bare, List.of("symbolic-ref", "--quiet", "--short", "HEAD")).strip();
        return new GitCheckout(root, work, new Submission(source, shownRef.isEmpty() ? null : shownRef, commit,
                committedAt.isEmpty() ? null : Instant.from(java.time.OffsetDateTime.parse(committedAt)).toString(),
                before == null ? null : before.toString()));
    }

    /** Refuses submodules, links that leave the repository, and commits with too many or too large files. */
    private static void inspect(Path bare, String commit) throws GitRefusedException, IOException, InterruptedException {
        String listing = gitOut(bare, List.of("ls-tree", "-r", "-l", "-z", "--full-tree", commit));
        long total = 0;
        int files = 0;
        for (String entry : listing.split("\0")) {
            if (entry.isEmpty()) {
                continue;
            }
            int tab = entry.indexOf('\t');
            String[] meta = entry.substring(0, tab).trim().split("\\s+");
            String path = entry.substring(tab + 1);
            String mode = meta[0];
            if (mode.equals("160000") || path.equals(".gitmodules") || path.endsWith("/.gitmodules")) {
                throw new GitRefusedException("the repository has a submodule (" + path + "); submodules are not graded:"
                        + " commit the files themselves and remove the submodule (git rm " + path + ")");
            }
            if (mode.equals("120000")) {
                String target = gitOut(bare, List.of("cat-file", "blob", meta[2]));
                Path resolved = Path.of("/repo").resolve(path).getParent().resolve(target).normalize();
                if (target.startsWith("/") || !resolved.startsWith("/repo")) {
                    throw new GitRefusedException("the link " + path + " points outside the repository (to " + target
                            + "); replace it with the file itself");
                }
            }
            files++;
            if (!meta[3].equals("-")) {
                total += Long.parseLong(meta[3]);
            }
        }
        if (files > MAX_FILES) {
            throw new GitRefusedException(String.format(Locale.ROOT, "the repository is oversized: commit %s holds %,d files, at most %,d are graded",
                    commit.substring(0, 12), files, MAX_FILES));
        }
        if (total > MAX_TREE_BYTES) {
            throw new GitRefusedException(String.format(Locale.ROOT, "the repository is oversized: commit %s holds %,d bytes of files,"
                    + " at most %,d are graded; keep build output, data and binaries out of it", commit.substring(0, 12), total, MAX_TREE_BYTES));
        }
    }

    private static String gitOut(Path bare, List<String> args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--git-dir=" + bare));
        all.addAll(args);
        Result result = git(bare.getParent(), all);
        if (result.code != 0 && !(args.get(0).equals("symbolic-ref"))) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + firstLine(result.err));
        }
        return result.out;
    }

    private record Result(int code, String out, String err) {
    }

    /** Runs git with no inherited repository, config from the system, prompts or hooks. */
    private static Result git(Path dir, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.hooksPath=/dev/null", "-c", "protocol.file.allow=always"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_ASKPASS", "true");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new GitUnavailableException("git is not installed or not on the PATH; install git to grade with --git", e);
        }
        process.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), err));
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("git " + args.get(0) + " took more than " + GIT_TIMEOUT_SECONDS + " s");
        }
        errPump.join();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String firstLine(String text) {
        return text.lines().filter(l -> !l.isBlank()).findFirst().orElse("(no message)").replaceFirst("^fatal: ", "").strip();
    }
}
