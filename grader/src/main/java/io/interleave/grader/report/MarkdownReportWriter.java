package io.interleave.grader.report;

import java.util.List;
import java.util.Locale;

/**
 * Markdown for pull-request comments and job summaries: a summary line, a table per exercise, the failing
 * checks with their messages, and the details in a collapsed section. Student text is escaped, never markup.
 */
public record MarkdownReportWriter() implements ReportWriter {
    @Override
    public String write(GradeReport report) {
        StringBuilder out = new StringBuilder();
        String verdict = report.anyError() ? "❗ could not grade everything" : report.fullMarks() ? "✅ full marks" : "❌ marks lost";
        out.append(String.format(Locale.ROOT, "### Interleave: %d/%d, %s%n%n", report.score(), report.maxScore(), verdict));
        Submission submission = report.submission();
        if (submission != null && submission.commit() != null) {
            out.append("Graded commit `").append(code(submission.commit())).append('`');
            if (submission.ref() != null) {
                out.append(" of `").append(code(submission.ref())).append('`');
            }
            if (submission.deadline() != null) {
                out.append(", the last one before ").append(escape(submission.deadline()));
            }
            out.append(".\n\n");
        }
        for (ExerciseReport exercise : report.exercises()) {
            out.append(String.format(Locale.ROOT, "#### %s `%s`: %d/%d%n%n", escape(exercise.title()), code(exercise.slug()),
                    exercise.score(), exercise.maxScore()));
            out.append(escape(exercise.message())).append("\n\n");
            out.append("| | Check | Task | Points |\n|---|---|---|---|\n");
            for (CheckReport check : exercise.checks()) {
                out.append("| ").append(mark(check.status())).append(" | ").append(cell(check.title())).append(" | ")
                        .append(check.task() > 0 ? Integer.toString(check.task()) : "").append(" | ")
                        .append(check.score()).append('/').append(check.maxScore()).append(" |\n");
            }
            List<CheckReport> failing = exercise.checks().stream()
                    .filter(c -> c.status() == CheckStatus.FAIL || c.status() == CheckStatus.ERROR).toList();
            if (!failing.isEmpty()) {
                out.append("\n**Failing checks**\n\n");
                for (CheckReport check : failing) {
                    out.append("- ").append(mark(check.status())).append(" **").append(escape(check.title())).append("**");
                    out.append(check.task() > 0 ? " (task " + check.task() + ")" : "").append(": ")
                            .append(escape(check.message()).replace("\n", " ")).append('\n');
                    for (Finding finding : check.findings()) {
                        out.append("  - `").append(code(exercise.slug() + "/" + finding.path() + ":" + finding.line()))
                                .append("` ").append(escape(finding.message()).replace("\n", " ")).append('\n');
                    }
                }
            }
            out.append("\n<details><summary>Details of ").append(escape(exercise.slug())).append("</summary>\n\n");
            for (CheckReport check : exercise.checks()) {
                out.append(String.format(Locale.ROOT, "- %s `%s` %s, %d/%d, %.1f s: %s%n", mark(check.status()), code(check.name()),
                        check.status().id(), check.score(), check.maxScore(), check.durationMs() / 1000.0,
                        escape(check.message()).replace("\n", " ")));
            }
            out.append("\nSandbox: ").append(escape(exercise.sandbox())).append("\n\n</details>\n\n");
        }
        return out.toString();
    }

    private static String mark(CheckStatus status) {
        return switch (status) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case ERROR -> "❗";
            case INCONCLUSIVE -> "❔";
            case SKIPPED -> "➖";
        };
    }

    /** Text that shows as written: HTML, Markdown emphasis, links and mentions defused. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '#', '|', '~' -> out.append('\\').append(c);
                case '@' -> out.append("@\u200b");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String cell(String text) {
        return escape(text).replace("\n", " ");
    }

    /** Text inside a code span: backticks cannot close it. */
    private static String code(String text) {
        return text == null ? "" : text.replace('`', '\'').replace("\n", " ");
    }
}
