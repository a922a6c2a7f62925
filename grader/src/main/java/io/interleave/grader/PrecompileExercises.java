package io.interleave.grader;

import io.interleave.grader.compile.CompileDiagnostic;
import io.interleave.grader.compile.CompileOutcome;
import io.interleave.grader.compile.SourceCompiler;
import io.interleave.grader.compile.StressHarnessCompiler;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.fetch.SourceFile;
import io.interleave.grader.runner.Precompiled;
import io.interleave.grader.runner.RunJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build step (run by Maven after compiling the grader, with the grader's class path): compiles each bundled
 * exercise's own sources (public, hidden and stress tests) against its stub, and generates and compiles the
 * jcstress harness of its stress tests, into {@code interleave/exercises/<slug>/precompiled/}. A grading then
 * compiles only the student's files, which saves most of the compile time, whenever the student's classes link
 * to these exactly as the stub's do. Usage: {@code PrecompileExercises CLASSES_DIR}.
 */
public final class PrecompileExercises {
    /** The release the grader targets: the grading JVM may be any JDK from 21 on. */
    static final List<String> RELEASE = List.of("--release", "21");

    private PrecompileExercises() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PrecompileExercises CLASSES_DIR (the grader's target/classes)");
            System.exit(2);
        }
        Path exercises = Path.of(args[0]).resolve("interleave/exercises");
        if (Files.isDirectory(exercises)) {
            try (Stream<Path> slugs = Files.list(exercises)) {
                for (Path slug : slugs.toList()) {
                    deleteTree(slug.resolve(Precompiled.FOLDER));
                }
            }
        }
        String classPath = System.getProperty("java.class.path");
        for (Exercise exercise : ExerciseCatalog.bundled().all()) {
            Path target = exercises.resolve(exercise.slug());
            String summary = precompile(exercise, classPath, target);
            System.out.println("[interleave] precompiled " + exercise.slug() + ": " + summary);
        }
    }

    /** Precompiles one exercise into {@code exerciseDir}'s {@code precompiled/}; returns what it wrote. */
    static String precompile(Exercise exercise, String classPath, Path exerciseDir) throws IOException {
        RunJob job = Pipeline.trainingJob(exercise);
        List<SourceFile> own = job.sources().stream()
                .filter(s -> s.role().isStudent() || s.role() == SourceFile.Role.GIVEN).toList();
        Map<String, byte[]> stub = compiled(exercise, SourceCompiler.compile(own, classPath, RELEASE), "the stub").classes();
        Map<String, byte[]> all = compiled(exercise, SourceCompiler.compile(job.sources(), classPath, RELEASE), "the grader's sources").classes();
        Map<String, byte[]> classes = new HashMap<>(all);
        classes.keySet().removeAll(stub.keySet());
        Path folder = exerciseDir.resolve(Precompiled.FOLDER);
        StressHarnessCompiler.writeClasses(stub, exerciseDir.resolve(Precompiled.STUB));
        StressHarnessCompiler.writeClasses(classes, exerciseDir.resolve(Precompiled.CLASSES));
        List<SourceFile> stress = job.sources().stream().filter(s -> s.role() == SourceFile.Role.STRESS_TEST).toList();
        int harness = 0;
        if (!stress.isEmpty()) {
            Path scratch = Files.createTempDirectory("interleave-precompile");
            try {
                Path built = scratch.resolve("classes");
                Files.createDirectories(built);
                List<String> errors = StressHarnessCompiler.build(all, stress, classPath, built, RELEASE);
                if (!errors.isEmpty()) {
                    throw new IllegalStateException("exercise " + exercise.slug() + ": the jcstress harness does not build: " + errors);
                }
                Map<String, byte[]> generated = new HashMap<>();
                try (Stream<Path> files = Files.walk(built)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String relative = built.relativize(file).toString().replace('\\', '/');
                        String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                        if (!all.containsKey(name)) {
                            generated.put(name, Files.readAllBytes(file));
                        }
                    }
                }
                StressHarnessCompiler.writeClasses(generated, exerciseDir.resolve(Precompiled.HARNESS));
                Files.writeString(exerciseDir.resolve(Precompiled.TEST_LIST),
                        Files.readString(built.resolve(StressHarnessCompiler.TEST_LIST), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                harness = generated.size();
            } finally {
                deleteTree(scratch);
            }
        }
        return classes.size() + " classes of tests, " + stub.size() + " of the stub, " + harness + " of the jcstress harness in " + folder;
    }

    private static CompileOutcome compiled(Exercise exercise, CompileOutcome outcome, String what) {
        if (!outcome.success()) {
            throw new IllegalStateException("exercise " + exercise.slug() + ": " + what + " does not compile: "
                    + (outcome.crash() != null ? outcome.crash() : outcome.errors().stream().map(CompileDiagnostic::toString).toList()));
        }
        return outcome;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
