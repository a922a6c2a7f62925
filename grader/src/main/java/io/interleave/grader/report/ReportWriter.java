package io.interleave.grader.report;

/** Writes a report in one format. */
public sealed interface ReportWriter permits TextReportWriter, JsonReportWriter, GradescopeReportWriter,
        ClassroomReportWriter, ExercismReportWriter, JunitReportWriter, MarkdownReportWriter {
    String write(GradeReport report);
}
