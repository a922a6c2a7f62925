package io.interleave.grader.gradebook;

import io.interleave.grader.exercise.Exercise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** SHA-256 digests that tell a changed exercise or a changed plain folder from one graded before. */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** The digest of everything the grader holds of {@code exercise}: its manifest, hidden and stress tests, classes. */
    public static String of(Exercise exercise) {
        return digest(new TreeMap<>(exercise.files()));
    }

    /** The digest of the regular files below {@code dir} (links are left out: the grader refuses them anyway). */
    public static String ofFolder(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> regular = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
            for (Path file : regular) {
                files.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return digest(files);
    }

    private static String digest(Map<String, byte[]> sortedFiles) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sortedFiles.forEach((path, bytes) -> {
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) 0);
                sha.update(bytes);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
