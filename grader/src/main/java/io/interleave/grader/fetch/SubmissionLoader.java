package io.interleave.grader.fetch;

import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.Manifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Takes the student's files of one exercise from a submission folder: the files the manifest names as the
 * student's, plus extra {@code .java} files in the exercise's package folder. Everything else is the
 * grader's own copy. Links, files over the size limit, binary and non-UTF-8 files are refused.
 */
public final class SubmissionLoader {
    /** The largest student source file taken. */
    public static final long MAX_FILE_BYTES = 256 * 1024;
    /** The most extra source files taken from the package folder. */
    public static final int MAX_EXTRA_FILES = 30;

    private SubmissionLoader() {
    }

    public static FetchResult load(Path exerciseDir, Exercise exercise) {
        Manifest manifest = exercise.manifest();
        List<Refusal> refusals = new ArrayList<>();
        List<SourceFile> taken = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (Files.isSymbolicLink(exerciseDir)) {
            return new FetchResult.Refused(List.of(new Refusal(".", "the exercise folder is a link; submit a real folder")));
        }
        if (!Files.isDirectory(exerciseDir, LinkOption.NOFOLLOW_LINKS)) {
            return new FetchResult.Refused(List.of(new Refusal(".", "no folder " + exerciseDir + " in the submission")));
        }
        for (String path : manifest.studentFiles()) {
            Path file = exerciseDir.resolve(path);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                refusals.add(new Refusal(path, "missing: this is the file you write; put your version at this path"));
                continue;
            }
            read(exerciseDir, path, refusals).ifPresent(text -> taken.add(new SourceFile(path, SourceFile.Role.STUDENT, text)));
        }
        Set<String> graderOwned = new HashSet<>();
        for (String path : manifest.allSources()) {
            graderOwned.add(fileName(path).toLowerCase(Locale.ROOT));
        }
        manifest.studentFiles().forEach(p -> graderOwned.remove(fileName(p).toLowerCase(Locale.ROOT)));
        Path packageDir = exerciseDir.resolve(manifest.packageDir());
        if (linkOnTheWay(exerciseDir, manifest.packageDir()) == null && Files.isDirectory(packageDir, LinkOption.NOFOLLOW_LINKS)) {
            Set<String> extras = new TreeSet<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(packageDir)) {
                for (Path entry : entries) {
                    String rel = manifest.packageDir() + entry.getFileName();
                    if (manifest.givenFiles().contains(rel)) {
                        // the template hands this file out in the package folder; the grader compiles its own copy
                        continue;
                    }
                    if (entry.getFileName().toString().endsWith(".java") && !manifest.studentFiles().contains(rel)) {
                        extras.add(rel);
                    }
                }
            } catch (IOException e) {
                refusals.add(new Refusal(manifest.packageDir(), "cannot list the folder: " + e.getMessage()));
            }
            if (extras.size() > MAX_EXTRA_FILES) {
                refusals.add(new Refusal(manifest.packageDir(), extras.size() + " extra source files; at most " + MAX_EXTRA_FILES + " are taken"));
            } else {
                for (String rel : extras) {
                    if (graderOwned.contains(fileName(rel).toLowerCase(Locale.ROOT))) {
                        refusals.add(new Refusal(rel, "has the name of a file the exercise provides; rename your class"));
                        continue;
                    }
                    read(exerciseDir, rel, refusals).ifPresent(text -> taken.add(new SourceFile(rel, SourceFile.Role.STUDENT, text)));
                }
            }
        }
        if (!refusals.isEmpty()) {
            return new FetchResult.Refused(refusals);
        }
        return new FetchResult.Accepted(taken, notes);
    }

    private static Optional<String> read(Path exerciseDir, String rel, List<Refusal> refusals) {
        String link = linkOnTheWay(exerciseDir, rel);
        if (link != null) {
            refusals.add(new Refusal(rel, "is reached through a link (" + link + "); submit the file itself, not a link"));
            return Optional.empty();
        }
        Path file = exerciseDir.resolve(rel);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            refusals.add(new Refusal(rel, "is not a regular file"));
            return Optional.empty();
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                refusals.add(new Refusal(rel, String.format(Locale.ROOT, "is %,d bytes; source files may be at most %,d bytes", size, MAX_FILE_BYTES)));
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    refusals.add(new Refusal(rel, "is binary (a NUL byte at offset " + i + "); submit Java source text"));
                    return Optional.empty();
                }
            }
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException e) {
                refusals.add(new Refusal(rel, "is not UTF-8 text; save it as UTF-8"));
                return Optional.empty();
            }
        } catch (IOException e) {
            refusals.add(new Refusal(rel, "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** The first path component (below the exercise folder) that is a link, or null if none is. */
    private static String linkOnTheWay(Path exerciseDir, String rel) {
        Path current = exerciseDir;
        for (Path part : Path.of(rel)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return exerciseDir.relativize(current).toString();
            }
        }
        return null;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
