package io.interleave.grader.report;

import java.time.Instant;
import java.util.Locale;

/** The formats a report can be written in (contract: these names). */
public enum ReportFormat {
    TEXT, JSON, GRADESCOPE, CLASSROOM, EXERCISM, JUNIT, MARKDOWN;

    public ReportWriter writer(boolean colour) {
        return switch (this) {
            case TEXT -> new TextReportWriter(colour);
            case JSON -> new JsonReportWriter();
            case GRADESCOPE -> new GradescopeReportWriter();
            case CLASSROOM -> new ClassroomReportWriter();
            case EXERCISM -> new ExercismReportWriter();
            case JUNIT -> new JunitReportWriter();
            case MARKDOWN -> new MarkdownReportWriter();
        };
    }

    /** Whether the platform that reads this format holds back checks until the deadline itself. */
    public boolean platformWithholds() {
        return switch (this) {
            case GRADESCOPE -> true;
            case TEXT, JSON, CLASSROOM, EXERCISM, JUNIT, MARKDOWN -> false;
        };
    }

    /**
     * The report in this format as students may see it at {@code now} ({@link StudentView}), or everything when
     * {@code revealHidden} (for instructors).
     */
    public String render(GradeReport report, boolean colour, boolean revealHidden, Instant now) {
        GradeReport shown = revealHidden ? report : StudentView.of(report, now, platformWithholds());
        return writer(colour).write(shown);
    }

    /** The usual file name of a report in this format. */
    public String fileName() {
        return switch (this) {
            case TEXT -> "report.txt";
            case JSON -> "report.json";
            case GRADESCOPE, EXERCISM -> "results.json";
            case CLASSROOM -> "classroom.json";
            case JUNIT -> "TEST-interleave.xml";
            case MARKDOWN -> "report.md";
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
