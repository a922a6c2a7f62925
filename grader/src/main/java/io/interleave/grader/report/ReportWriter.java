package io.interleave.grader.report;

/** Writes a report in one format. */
public sealed interface ReportWriter permits TextReportWriter, JsonReportWriter {
    String write(GradeReport report);
}
