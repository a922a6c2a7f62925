package io.interleave.grader.report;

import java.util.Locale;

/** A table per exercise for a person at a terminal: each check with its points and message, coloured if asked. */
public record TextReportWriter(boolean colour) implements ReportWriter {
    private static final int MESSAGE_WIDTH = 100;

    @Override
    public String write(GradeReport report) {
        StringBuilder out = new StringBuilder();
        Submission submission = report.submission();
        if (submission != null && submission.commit() != null) {
            out.append(dim("Graded commit " + submission.commit() + (submission.ref() == null ? "" : " of " + submission.ref())
                    + " from " + submission.source())).append('\n');
        }
        int nameWidth = report.exercises().stream().flatMap(e -> e.checks().stream())
                .mapToInt(c -> c.name().length()).max().orElse(10);
        for (ExerciseReport exercise : report.exercises()) {
            out.append(bold(exercise.slug())).append("  ")
                    .append(paint(exercise.score() + "/" + exercise.maxScore(), exercise.status()))
                    .append("  ").append(exercise.message())
                    .append(dim("  [sandbox: " + exercise.sandbox() + "]")).append('\n');
            for (CheckReport check : exercise.checks()) {
                String points = String.format(Locale.ROOT, "%2d/%-2d", check.score(), check.maxScore());
                out.append("  ").append(mark(check.status())).append(' ')
                        .append(String.format(Locale.ROOT, "%-" + nameWidth + "s", check.name())).append("  ")
                        .append(check.task() > 0 ? "task " + check.task() : "      ").append("  ")
                        .append(points).append("  ")
                        .append(wrap(check.message(), 2 + 2 + nameWidth + 2 + 6 + 2 + 5 + 2)).append('\n');
            }
            out.append('\n');
        }
        out.append(bold(String.format(Locale.ROOT, "Total: %d/%d", report.score(), report.maxScore()))).append('\n');
        return out.toString();
    }

    private String mark(CheckStatus status) {
        String symbol = switch (status) {
            case PASS -> "✔";
            case FAIL -> "✘";
            case ERROR -> "!";
            case INCONCLUSIVE -> "?";
            case SKIPPED -> "-";
        };
        String code = switch (status) {
            case PASS -> "32";
            case FAIL, ERROR -> "31";
            case INCONCLUSIVE -> "33";
            case SKIPPED -> "2";
        };
        return ansi(code, symbol);
    }

    private String paint(String text, ExerciseStatus status) {
        return ansi(switch (status) {
            case PASS -> "1;32";
            case FAIL -> "1;33";
            case ERROR -> "1;31";
        }, text);
    }

    private String bold(String text) {
        return ansi("1", text);
    }

    private String dim(String text) {
        return ansi("2", text);
    }

    private String ansi(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    private static String wrap(String message, int indent) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (String word : message.replace('\n', ' ').split(" ")) {
            if (column > 0 && column + word.length() + 1 > MESSAGE_WIDTH) {
                out.append('\n').append(" ".repeat(indent));
                column = 0;
            } else if (column > 0) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }
}
