package io.interleave.grader.launcher;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entry point of grader.jar: runs the grader on this JVM when it is Java 21 or newer, otherwise finds an
 * installed JDK 21+ (the places the Maven toolchains plugin looks) and runs the grader there. On a JDK 25+ that
 * second JVM starts from an ahead-of-time cache of the grader's classes, trained once per jar and JDK.
 */
public final class Launcher {
    static final int REQUIRED_FEATURE = 21;
    private static final String MAIN = "io.interleave.grader.cli.GraderMain";
    private static final int EXIT_ENVIRONMENT = 4;
    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"?(\\d+)", Pattern.MULTILINE);
    private static final Pattern RELEASE_FULL_VERSION = Pattern.compile("^JAVA_VERSION=\"?([^\"\\s]+)", Pattern.MULTILINE);
    static final int AOT_FEATURE = 25;
    /** The host JVM only parses options, reads manifests and waits for the grading JVM: C1 is plenty. */
    private static final List<String> HOST_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xlog:disable", "-Xlog:all=warning:stderr",
            // the gradebook's SQLite driver loads its native library; without this the JVM warns on every class run
            "--enable-native-access=ALL-UNNAMED");

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (feature(System.getProperty("java.specification.version")) >= REQUIRED_FEATURE) {
            runHere(args);
            return;
        }
        Optional<Path> javaHome = findJdk();
        if (javaHome.isEmpty()) {
            System.err.println("grader: needs Java " + REQUIRED_FEATURE + " or newer, but this is Java "
                    + System.getProperty("java.version") + " and no JDK " + REQUIRED_FEATURE
                    + "+ was found (looked at $JAVA_HOME, $JAVA<N>_HOME, ~/.m2/toolchains.xml, /usr/lib/jvm,"
                    + " /usr/java, /opt, ~/.sdkman, ~/.jdks, /Library/Java/JavaVirtualMachines).");
            System.err.println("Install a JDK " + REQUIRED_FEATURE + "+ or set JAVA_HOME to one, then run the same command again.");
            System.exit(EXIT_ENVIRONMENT);
        }
        System.exit(relaunch(javaHome.get(), args));
    }

    private static void runHere(String[] args) throws Exception {
        try {
            Class.forName(MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
    }

    private static int relaunch(Path javaHome, String[] args) throws IOException, URISyntaxException, InterruptedException {
        Path self = Paths.get(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Optional<Path> cache = startupCache(javaHome, self);
        Process child = new ProcessBuilder(javaCommand(javaHome, self, cache, args)).inheritIO().start();
        Thread stopChild = new Thread(child::destroy, "grader-launcher-stop");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        return code;
    }

    /** The command that runs the grader on {@code javaHome}, from {@code cache} when there is one. */
    static List<String> javaCommand(Path javaHome, Path self, Optional<Path> cache, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(HOST_FLAGS);
        cache.ifPresent(file -> command.add("-XX:AOTCache=" + file));
        command.add("-cp");
        command.add(self.toString());
        command.add(MAIN);
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The start-up cache for this jar on {@code javaHome}: trained now (a few seconds, once) if missing, empty
     * on a JDK older than 25, when {@code INTERLEAVE_NO_AOT_CACHE} is set, or when training did not work. A
     * failed training leaves a marker, so it is not tried on every run.
     */
    static Optional<Path> startupCache(Path javaHome, Path self) {
        if (releaseFeature(javaHome) < AOT_FEATURE || System.getenv("INTERLEAVE_NO_AOT_CACHE") != null
                || !Files.isRegularFile(self)) {
            return Optional.empty();
        }
        try {
            Path dir = cacheDirectory();
            Path file = dir.resolve("host-" + fingerprint(javaHome, self) + ".aot");
            Path failed = dir.resolve(file.getFileName() + ".failed");
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
            if (Files.exists(failed)) {
                return Optional.empty();
            }
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "host-training-", ".aot");
            Files.delete(partial);
            System.err.println("grader: preparing the start-up cache for this JDK (once per grader build, a few seconds)");
            List<String> command = new ArrayList<>(javaCommand(javaHome, self, Optional.empty(), new String[] {"list"}));
            command.add(1, "-XX:AOTCacheOutput=" + partial);
            Process training = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!training.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                training.destroyForcibly();
            }
            if (Files.isRegularFile(partial) && Files.size(partial) > 0) {
                Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return Optional.of(file);
            }
            Files.deleteIfExists(partial);
            Files.write(failed, new byte[0]);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.trim().isEmpty() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("interleave").resolve("aot");
    }

    /** Changes with the JDK (its folder and full version) and with the jar (its size and time). */
    static String fingerprint(Path javaHome, Path self) throws IOException {
        String release = Files.readString(javaHome.resolve("release"), StandardCharsets.UTF_8);
        Matcher version = RELEASE_FULL_VERSION.matcher(release);
        String key = javaHome.toAbsolutePath() + "|" + (version.find() ? version.group(1) : "?") + "|"
                + Files.size(self) + "|" + Files.getLastModifiedTime(self).toMillis() + "|" + HOST_FLAGS;
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest JDK of at least the required version among the usual install places. */
    static Optional<Path> findJdk() {
        List<Path> candidates = new ArrayList<>();
        System.getenv().forEach((name, value) -> {
            if (name.equals("JAVA_HOME") || name.matches("JAVA\\d*_HOME") || name.startsWith("JDK_HOME")) {
                candidates.add(Paths.get(value));
            }
        });
        String home = System.getProperty("user.home");
        candidates.addAll(toolchainHomes(Paths.get(home, ".m2", "toolchains.xml")));
        for (String parent : List.of("/usr/lib/jvm", "/usr/java", "/opt", "/opt/java",
                home + "/.sdkman/candidates/java", home + "/.jdks", "/Library/Java/JavaVirtualMachines")) {
            candidates.addAll(children(Paths.get(parent)));
        }
        Path best = null;
        int bestFeature = 0;
        for (Path candidate : candidates) {
            Path jdk = Files.isDirectory(candidate.resolve("Contents/Home")) ? candidate.resolve("Contents/Home") : candidate;
            int feature = releaseFeature(jdk);
            if (feature >= REQUIRED_FEATURE && feature > bestFeature && Files.isExecutable(jdk.resolve("bin/java"))) {
                best = jdk;
                bestFeature = feature;
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<Path> children(Path dir) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(found::add);
        } catch (IOException e) {
            // an unreadable folder holds no JDK we can use
        }
        return found;
    }

    private static List<Path> toolchainHomes(Path toolchains) {
        List<Path> found = new ArrayList<>();
        try {
            String xml = Files.readString(toolchains, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<jdkHome>\\s*([^<]+?)\\s*</jdkHome>").matcher(xml);
            while (m.find()) {
                found.add(Paths.get(m.group(1)));
            }
        } catch (IOException e) {
            // no toolchains file: nothing to add
        }
        return found;
    }

    static int releaseFeature(Path jdk) {
        Path release = jdk.resolve("release");
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
            return m.find() ? feature(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static int feature(String version) {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }

}
