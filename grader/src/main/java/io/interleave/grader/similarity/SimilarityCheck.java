package io.interleave.grader.similarity;

import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.exceptions.ExitException;
import de.jplag.java.JavaLanguage;
import de.jplag.options.JPlagOptions;
import de.jplag.reporting.reportobject.ReportObjectFactory;
import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.ResultStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs JPlag per exercise over the students' files that the gradebook graded, with the exercise's stub as base code
 * (so what every student was given does not count), and writes JPlag's result file and the top pairs.
 */
public final class SimilarityCheck {
    /** The file of top pairs that {@code class report --similarity DIR} reads. */
    public static final String PAIRS = "top-pairs.csv";
    private static final int TOP = 20;

    private SimilarityCheck() {
    }

    /**
     * Checks every exercise in {@code exercises} over {@code current} (the gradebook's chosen results), reading sources
     * under {@code sources}; writes {@code <slug>.jplag} and {@value #PAIRS} into {@code output}; tells {@code log} what
     * it did, including exercises with too few submissions to compare. Returns the pairs, most similar first.
     */
    public static List<SimilarPair> run(Path sources, List<GradeResult> current, List<Exercise> exercises, Path output,
            Consumer<String> log) throws IOException {
        Files.createDirectories(output);
        List<SimilarPair> pairs = new ArrayList<>();
        Path work = Files.createTempDirectory("grader-similarity");
        try {
            for (Exercise exercise : exercises) {
                Path submissions = work.resolve(exercise.slug()).resolve("submissions");
                Files.createDirectories(submissions);
                int count = 0;
                for (GradeResult result : current) {
                    if (result.status() == ResultStatus.UNAVAILABLE || !exercise.slug().equals(result.key().exercise())) {
                        continue;
                    }
                    Path kept = SubmissionSources.folder(sources, exercise.slug(), result.key().studentId(), result.key().commit());
                    if (!Files.isDirectory(kept)) {
                        log.accept("grader: " + exercise.slug() + ": no kept sources for " + result.key().studentId()
                                + " (graded before sources were kept? run class grade again), left out");
                        continue;
                    }
                    copy(kept, submissions.resolve(result.key().studentId()));
                    count++;
                }
                if (count == 0) {
                    continue;
                }
                if (count < 2) {
                    log.accept("grader: " + exercise.slug() + ": only " + count + " submission, JPlag needs at least 2 to compare; skipped");
                    continue;
                }
                Path base = work.resolve(exercise.slug()).resolve("stub");
                for (String file : exercise.manifest().studentFiles()) {
                    byte[] stub = exercise.files().get(file);
                    if (stub != null) {
                        Files.createDirectories(base.resolve(file).getParent());
                        Files.write(base.resolve(file), stub);
                    }
                }
                JPlagOptions options = new JPlagOptions(new JavaLanguage(), Set.of(submissions.toFile()), Set.of())
                        .withBaseCodeSubmissionDirectory(Files.isDirectory(base) ? base.toFile() : null);
                JPlagResult result;
                try {
                    result = JPlag.run(options);
                } catch (ExitException e) {
                    log.accept("grader: " + exercise.slug() + ": JPlag could not compare the submissions: " + e.getMessage());
                    continue;
                }
                Path file = output.resolve(exercise.slug() + ".jplag");
                new ReportObjectFactory(file.toFile()).createAndSaveReport(result);
                List<SimilarPair> mine = result.getAllComparisons().stream()
                        .map(c -> pair(exercise.slug(), c)).sorted(Comparator.comparingDouble(SimilarPair::percent).reversed())
                        .limit(TOP).toList();
                pairs.addAll(mine);
                log.accept(String.format(Locale.ROOT, "grader: %s: %d submissions compared, %s%s", exercise.slug(), count,
                        mine.isEmpty() ? "no pairs" : "top pair " + mine.get(0).studentA() + " and " + mine.get(0).studentB() + " at "
                                + String.format(Locale.ROOT, "%.1f %%", mine.get(0).percent()), "; JPlag's report " + file));
            }
        } finally {
            delete(work);
        }
        pairs.sort(Comparator.comparingDouble(SimilarPair::percent).reversed());
        write(output.resolve(PAIRS), pairs);
        return pairs;
    }

    private static SimilarPair pair(String exercise, JPlagComparison comparison) {
        String a = comparison.firstSubmission().getName();
        String b = comparison.secondSubmission().getName();
        double percent = Math.round(1000 * comparison.similarity()) / 10.0; // as top-pairs.csv keeps it
        return a.compareTo(b) <= 0 ? new SimilarPair(exercise, a, b, percent)
                : new SimilarPair(exercise, b, a, percent);
    }

    /** Writes {@code pairs} as CSV: exercise, student_a, student_b, similarity_percent. */
    static void write(Path file, List<SimilarPair> pairs) throws IOException {
        StringBuilder out = new StringBuilder("exercise,student_a,student_b,similarity_percent\n");
        for (SimilarPair p : pairs) {
            out.append(String.join(",", p.exercise(), p.studentA(), p.studentB(), String.format(Locale.ROOT, "%.1f", p.percent())))
                    .append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    /** The pairs that {@link #run} wrote into {@code folder}, or none when it holds no {@value #PAIRS}. */
    public static List<SimilarPair> read(Path folder) throws IOException {
        Path file = folder.resolve(PAIRS);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1))
                .map(f -> new SimilarPair(f[0], f[1], f[2], Double.parseDouble(f[3]))).toList();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
