package io.interleave.grader.cli;

import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.gradebook.GradeResult;
import io.interleave.grader.gradebook.Gradebook;
import io.interleave.grader.similarity.SimilarPair;
import io.interleave.grader.similarity.SimilarityCheck;
import io.interleave.grader.similarity.SubmissionSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader class similarity}: JPlag over the graded submissions of each exercise, the stub as base code. */
@Command(name = "similarity", header = "Runs JPlag per exercise over the submissions the gradebook graded (the stub as base code).",
        description = "Writes JPlag's result file per exercise (<slug>.jplag, open it in JPlag's report viewer) and"
                + " top-pairs.csv into DIR; `class report --similarity DIR` shows the top pairs.")
public final class ClassSimilarityCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "GRADEBOOK", description = "The gradebook: a SQLite file or a JDBC URL.")
    String gradebook;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "The folder to write into (made if missing).")
    Path output;

    @Option(names = "--sources", paramLabel = "DIR", description = "The student files `class grade` kept. Default:"
            + " GRADEBOOK.sources beside a gradebook file.")
    Path sources;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Pairs to print. Default: ${DEFAULT-VALUE}.")
    int top;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (!ClassExportCommand.exists(gradebook, err)) {
            return ExitCodes.USAGE;
        }
        Path kept = sources != null ? sources : SubmissionSources.besideGradebook(gradebook);
        if (kept == null || !Files.isDirectory(kept)) {
            err.println("grader: no kept sources " + (kept == null ? "for a JDBC gradebook: give --sources DIR" : "at " + kept)
                    + "; `class grade` keeps each graded submission's student files there");
            return ExitCodes.USAGE;
        }
        List<GradeResult> current;
        try (Gradebook book = Gradebook.open(gradebook)) {
            current = book.current();
        } catch (SQLException e) {
            err.println("grader: the gradebook " + gradebook + " cannot be read: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        List<Exercise> exercises = ExerciseCatalog.bundled().all();
        List<SimilarPair> pairs = SimilarityCheck.run(kept, current, exercises, output, err::println);
        if (pairs.isEmpty()) {
            out.println("grader: no pairs to compare: an exercise needs at least 2 graded submissions; wrote " + output.resolve(SimilarityCheck.PAIRS));
            return ExitCodes.FULL_MARKS;
        }
        out.println("exercise,student_a,student_b,similarity_percent");
        pairs.stream().limit(top).forEach(p -> out.println(String.join(",", p.exercise(), p.studentA(), p.studentB(),
                String.format(Locale.ROOT, "%.1f", p.percent()))));
        out.println("grader: wrote " + output + ": " + pairs.size() + " pairs in " + SimilarityCheck.PAIRS + " and JPlag's result per exercise");
        return ExitCodes.FULL_MARKS;
    }
}
