package io.interleave.grader.publish;

import io.interleave.grader.report.CheckReport;
import io.interleave.grader.report.CheckStatus;
import io.interleave.grader.report.ExerciseReport;
import io.interleave.grader.report.Finding;
import io.interleave.grader.report.GradeReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A message at a line of a file of the repository: a compile error or a broken rule, for check annotations. */
public record Annotation(String path, int line, String title, String message) {
    /**
     * The findings of the failing checks, with paths from the repository root: under the exercise's folder when
     * {@code root} holds one, else from the root itself (a repository of one exercise).
     */
    public static List<Annotation> of(GradeReport report, Path root) {
        List<Annotation> annotations = new ArrayList<>();
        for (ExerciseReport exercise : report.exercises()) {
            String prefix = Files.isDirectory(root.resolve(exercise.slug())) || !Files.isDirectory(root.resolve("src"))
                    ? exercise.slug() + "/" : "";
            for (CheckReport check : exercise.checks()) {
                if (check.status() != CheckStatus.FAIL && check.status() != CheckStatus.ERROR) {
                    continue;
                }
                for (Finding finding : check.findings()) {
                    annotations.add(new Annotation(prefix + finding.path(), Math.max(1, finding.line()),
                            exercise.slug() + ": " + check.title(), finding.message()));
                }
            }
        }
        return annotations;
    }

    /** The GitHub Actions workflow command that shows this annotation on the pull request's files. */
    public String workflowCommand() {
        return "::error file=" + property(path) + ",line=" + line + ",title=" + property(title) + "::" + data(message);
    }

    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
