package io.interleave.grader.exercise;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** A bundled exercise: its manifest and the grader's own copy of every file the manifest names. */
public record Exercise(Manifest manifest, Map<String, byte[]> files) {
    public Exercise {
        files = Map.copyOf(files);
    }

    public String slug() {
        return manifest.slug();
    }

    /** The grader's copy of a file, by its path relative to the exercise (template or grader side). */
    public Optional<String> text(String path) {
        return Optional.ofNullable(files.get(path)).map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
