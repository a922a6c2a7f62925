package io.interleave.grader.similarity;

import io.interleave.grader.exercise.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The student files of each graded submission, kept as {@code ROOT/<exercise>/<student>/<commit>/<path>} so that the
 * similarity check compares exactly what the gradebook graded, without fetching the repositories again.
 */
public final class SubmissionSources {
    private SubmissionSources() {
    }

    /** Where a gradebook file keeps its sources: {@code <gradebook>.sources} beside it; none for a JDBC URL. */
    public static Path besideGradebook(String gradebook) {
        return gradebook.startsWith("jdbc:") ? null : Path.of(gradebook + ".sources");
    }

    /** The folder of one submission's student files. */
    public static Path folder(Path root, String exercise, String studentId, String commit) {
        return root.resolve(safe(exercise)).resolve(safe(studentId)).resolve(safe(commit));
    }

    /** Copies the student files named by {@code exercise}'s manifest from {@code exerciseDir}, once per commit. */
    public static void keep(Path root, Exercise exercise, String studentId, String commit, Path exerciseDir) throws IOException {
        Path target = folder(root, exercise.slug(), studentId, commit);
        if (Files.isDirectory(target)) {
            return;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        for (String file : exercise.manifest().studentFiles()) {
            Path source = exerciseDir.resolve(file);
            if (Files.isRegularFile(source)) {
                Path copy = partial.resolve(file);
                Files.createDirectories(copy.getParent());
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.isDirectory(partial)) {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
