package io.interleave.grader.exercise;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The exercises bundled in the grader (resources under {@code interleave/exercises/<slug>/}), by slug. */
public final class ExerciseCatalog {
    static final String ROOT = "interleave/exercises/";
    private static final ObjectMapper MANIFEST_READER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, Exercise> bySlug;

    private ExerciseCatalog(Map<String, Exercise> bySlug) {
        this.bySlug = bySlug;
    }

    /** Reads every exercise bundled next to this class (the grader jar, or target/classes in a build). */
    public static ExerciseCatalog bundled() {
        try {
            Path location = Path.of(ExerciseCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Map<String, Map<String, byte[]>> files = Files.isDirectory(location) ? readDirectory(location) : readJar(location);
            Map<String, Exercise> exercises = new TreeMap<>();
            files.forEach((slug, tree) -> exercises.put(slug, toExercise(slug, tree)));
            return new ExerciseCatalog(exercises);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the exercises bundled in the grader", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Exercise> all() {
        return List.copyOf(bySlug.values());
    }

    public Optional<Exercise> find(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    public List<String> slugs() {
        return List.copyOf(bySlug.keySet());
    }

    static Exercise toExercise(String slug, Map<String, byte[]> tree) {
        byte[] json = tree.get("exercise.json");
        if (json == null) {
            throw new IllegalStateException("bundled exercise '" + slug + "' has no exercise.json");
        }
        Manifest manifest;
        try {
            manifest = MANIFEST_READER.readValue(json, Manifest.class);
        } catch (IOException e) {
            throw new IllegalStateException("bundled exercise '" + slug + "': exercise.json is invalid: " + e.getMessage(), e);
        }
        if (!manifest.slug().equals(slug)) {
            throw new IllegalStateException("exercise folder '" + slug + "' declares slug '" + manifest.slug() + "'");
        }
        for (String path : manifest.allSources()) {
            if (!manifest.studentFiles().contains(path) && !tree.containsKey(path)) {
                throw new IllegalStateException("exercise '" + slug + "' names " + path + " but the grader has no such file");
            }
        }
        return new Exercise(manifest, tree);
    }

    private static Map<String, Map<String, byte[]>> readDirectory(Path classes) throws IOException {
        Map<String, Map<String, byte[]>> result = new HashMap<>();
        Path root = classes.resolve(ROOT);
        if (!Files.isDirectory(root)) {
            return result;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                add(result, root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return result;
    }

    private static Map<String, Map<String, byte[]>> readJar(Path jar) throws IOException {
        Map<String, Map<String, byte[]>> result = new HashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> entries = new ArrayList<>();
            file.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(ROOT)).forEach(entries::add);
            for (JarEntry entry : entries) {
                try (InputStream in = file.getInputStream(entry)) {
                    add(result, entry.getName().substring(ROOT.length()), in.readAllBytes());
                }
            }
        }
        return result;
    }

    private static void add(Map<String, Map<String, byte[]>> result, String relative, byte[] bytes) {
        int slash = relative.indexOf('/');
        if (slash > 0) {
            result.computeIfAbsent(relative.substring(0, slash), s -> new HashMap<>()).put(relative.substring(slash + 1), bytes);
        }
    }
}
