package io.interleave.grader.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The grading JVM's class path: the grader's own, minus the bundled exercises (whose hidden tests reach that
 * JVM on stdin only). A jar that bundles them is replaced by a copy without them, made once per jar in the
 * grader's cache folder; a class folder that holds them (a development build) is listed in {@code masked},
 * for the sandbox to hide under an empty folder.
 */
public record RunnerClassPath(List<Path> entries, List<Path> masked) {
    /** Where the exercises live inside the grader's class path. */
    public static final String EXERCISES = "interleave/exercises/";

    public RunnerClassPath {
        entries = List.copyOf(entries);
        masked = List.copyOf(masked);
    }

    /** The agent class a model-checking grading JVM starts with: it only keeps the Instrumentation for Lincheck. */
    static final String AGENT_CLASS = "net.bytebuddy.agent.Installer";

    /**
     * The entry of the class path that can be given to {@code -javaagent}: a jar whose manifest names
     * {@link #AGENT_CLASS} as its {@code Premain-Class} (the grader jar itself, or Byte Buddy's agent jar in a
     * development build); empty when there is none.
     */
    public Optional<Path> agent() {
        for (Path entry : entries) {
            if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    Manifest manifest = jar.getManifest();
                    if (manifest != null && AGENT_CLASS.equals(manifest.getMainAttributes().getValue("Premain-Class"))) {
                        return Optional.of(entry);
                    }
                } catch (IOException notAJar) {
                    // not a jar: it cannot be an agent
                }
            }
        }
        return Optional.empty();
    }

    /** The entries joined for {@code -cp}. */
    public String joined() {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    /** The class path for grading JVMs started from this one. */
    public static RunnerClassPath of(String classPath, Path cacheDir) throws IOException {
        List<Path> entries = new ArrayList<>();
        List<Path> masked = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                entries.add(path);
                Path exercises = path.resolve(EXERCISES);
                if (Files.isDirectory(exercises)) {
                    masked.add(exercises);
                }
            } else if (Files.isRegularFile(path) && bundlesExercises(path)) {
                entries.add(stripped(path, cacheDir));
            } else {
                entries.add(path);
            }
        }
        return new RunnerClassPath(entries, masked);
    }

    private static boolean bundlesExercises(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().startsWith(EXERCISES));
        } catch (java.util.zip.ZipException e) {
            return false;
        }
    }

    /** A copy of {@code jar} without the exercises, made once and kept (its name changes with the jar). */
    static Path stripped(Path jar, Path cacheDir) throws IOException {
        Path target = cacheDir.resolve("runner-" + fingerprint(jar) + ".jar");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(cacheDir);
        Path partial = Files.createTempFile(cacheDir, "runner-", ".jar.partial");
        try (ZipFile zip = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
            out.setLevel(Deflater.BEST_SPEED);
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.getName().startsWith(EXERCISES)) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try {
            // readable by the sandbox's own user (a container runs the grading JVM as nobody)
            Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // no POSIX permissions here: the file keeps the platform's default
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static String fingerprint(Path jar) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
