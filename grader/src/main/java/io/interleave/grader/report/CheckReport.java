package io.interleave.grader.report;

import io.interleave.grader.exercise.CheckKind;
import java.util.List;
import java.util.Locale;

/**
 * The result of one check: its status, points and a message for the student; its title for people, its kind,
 * whether it is one of the exercise's hidden checks, and the places in the student's code it points at.
 */
public record CheckReport(String name, String title, CheckKind kind, boolean hidden, int task, CheckStatus status,
                          int score, int maxScore, String message, long durationMs, List<Finding> findings) {
    public CheckReport {
        title = title == null || title.isBlank() ? titleOf(name) : title;
        message = message == null ? "" : message;
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** A visible check of unknown kind without findings (reports written before those fields existed). */
    public CheckReport(String name, int task, CheckStatus status, int score, int maxScore, String message, long durationMs) {
        this(name, null, null, false, task, status, score, maxScore, message, durationMs, List.of());
    }

    /** "no-lost-restocks" as "No lost restocks". */
    public static String titleOf(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        String words = name.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** This check under another name, title and message (for redaction). */
    public CheckReport renamed(String newName, String newTitle, int newTask, String newMessage) {
        return new CheckReport(newName, newTitle, kind, hidden, newTask, status, score, maxScore, newMessage, durationMs,
                List.of());
    }
}
