package io.interleave.grader.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.interleave.grader.runner.RunJob;
import io.interleave.grader.sandbox.DockerSandbox;
import io.interleave.grader.sandbox.SandboxRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An ahead-of-time cache (JDK 25+, {@code -XX:AOTCache}) of the grading JVM's loaded and linked classes and
 * method profiles, which makes its cold compile and test start about three times faster. It is trained once
 * per grader jar and JDK, outside the sandbox, on the grader's own exercise stubs (trusted code only: the
 * cache holds code that every later run loads), and is read-only to every grading run. For Docker it is trained
 * in a container of the image (its JDK, the same paths), once per image and grader jar. A class path with
 * folders (a development build) cannot be cached; a training that produced nothing is not tried again.
 */
final class StartupCache {
    private static final Object TRAINING = new Object();
    static final int MIN_FEATURE = 25;
    private static final ObjectMapper JOB_WRITER = JsonMapper.builder().build();

    private StartupCache() {
    }

    /** The cache for this JDK and class path, trained now if missing; empty when the JDK cannot use one. */
    static Optional<Path> forRunner(List<String> javaCommand, RunJob trainingJob) {
        return find(javaCommand, trainingJob, Runtime.version().feature(),
                "runner-", System.getProperty("java.home") + "\0" + Runtime.version(), command -> command);
    }

    /**
     * The cache for the image's JDK and this class path, trained now in a container of the image if missing;
     * empty when the image's JDK cannot use one or does not say which it is.
     */
    static Optional<Path> forContainer(DockerSandbox docker, SandboxRequest request, List<String> javaCommand, RunJob trainingJob) {
        Path directory = directory();
        return find(javaCommand, trainingJob, docker.javaFeature(), "docker-", docker.imageId(),
                command -> docker.trainingCommand(request, command, directory, owner(directory)));
    }

    /**
     * The cache for {@code javaCommand} on a JVM of {@code feature} known by {@code runtime}, trained by running
     * {@code launcher} applied to the training command.
     */
    private static Optional<Path> find(List<String> javaCommand, RunJob trainingJob, int feature, String prefix,
                                       String runtime, UnaryOperator<List<String>> launcher) {
        if (feature < MIN_FEATURE || System.getenv("INTERLEAVE_NO_AOT_CACHE") != null) {
            return Optional.empty();
        }
        int cp = javaCommand.indexOf("-cp");
        if (cp >= 0 && Arrays.stream(javaCommand.get(cp + 1).split(java.io.File.pathSeparator)).anyMatch(e -> Files.isDirectory(Path.of(e)))) {
            return Optional.empty();
        }
        Path file = directory().resolve(prefix + fingerprint(runtime, javaCommand) + ".aot");
        Path failed = file.resolveSibling(file.getFileName() + ".failed");
        if (Files.isRegularFile(file)) {
            return Optional.of(file);
        }
        if (Files.exists(failed)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(file.getParent());
            // a file lock keeps other processes out; threads of this JVM (class grade --jobs) take turns before it,
            // since a second lock of the same file in one JVM throws OverlappingFileLockException
            synchronized (TRAINING) {
                try (FileChannel lockFile = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = lockFile.lock()) {
                    if (!Files.isRegularFile(file) && !Files.exists(failed)) {
                        train(javaCommand, trainingJob, file, launcher);
                        if (!Files.isRegularFile(file)) {
                            Files.createFile(failed);
                        }
                    }
                }
            }
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** "uid:gid" of the cache folder's owner, for a training container that writes into it. */
    private static String owner(Path directory) {
        try {
            Files.createDirectories(directory);
            return Files.getAttribute(directory, "unix:uid") + ":" + Files.getAttribute(directory, "unix:gid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "0:0";
        }
    }

    /** The java command with the cache in use. */
    static List<String> using(List<String> javaCommand, Path cache) {
        List<String> command = new ArrayList<>(javaCommand);
        command.add(1, "-XX:AOTCache=" + cache);
        return command;
    }

    private static void train(List<String> javaCommand, RunJob job, Path target, UnaryOperator<List<String>> launcher)
            throws IOException, InterruptedException {
        Path partial = Files.createTempFile(target.getParent(), "training-", ".aot");
        Files.delete(partial);
        List<String> command = new ArrayList<>(javaCommand);
        command.add(1, "-XX:AOTCacheOutput=" + partial);
        System.err.println("grader: preparing the start-up cache for this JDK (once per grader build, a few seconds)");
        Process process = new ProcessBuilder(launcher.apply(command)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((HexFormat.of().formatHex(new byte[32]) + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.write(JOB_WRITER.writeValueAsBytes(job));
        }
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (Files.isRegularFile(partial) && Files.size(partial) > 0) {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.deleteIfExists(partial);
    }

    static Path directory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("interleave").resolve("aot");
    }

    /** Changes with the runtime (the JDK, or the image), the JVM options and every class path entry's size and time. */
    private static String fingerprint(String runtime, List<String> javaCommand) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(runtime.getBytes(StandardCharsets.UTF_8));
            for (String part : javaCommand) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            int cp = javaCommand.indexOf("-cp");
            if (cp >= 0) {
                for (String entry : javaCommand.get(cp + 1).split(java.io.File.pathSeparator)) {
                    Path path = Path.of(entry);
                    if (Files.isRegularFile(path)) {
                        digest.update((Files.size(path) + ":" + Files.getLastModifiedTime(path).toMillis()).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot fingerprint the class path", e);
        }
    }
}
