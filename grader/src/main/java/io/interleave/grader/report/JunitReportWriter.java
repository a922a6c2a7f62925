package io.interleave.grader.report;

import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Maven Surefire writes it: a {@code testsuite} per exercise (wrapped in {@code testsuites} when
 * there are several), a {@code testcase} per check, with {@code failure}, {@code error} or {@code skipped}.
 */
public record JunitReportWriter() implements ReportWriter {
    private static final String SCHEMA = "https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.2.xsd";

    @Override
    public String write(GradeReport report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            boolean several = report.exercises().size() != 1;
            if (several) {
                newline(xml, 0);
                xml.writeStartElement("testsuites");
                xml.writeAttribute("name", "interleave");
                xml.writeAttribute("tests", Long.toString(report.exercises().stream().mapToLong(e -> e.checks().size()).sum()));
                xml.writeAttribute("failures", Long.toString(report.exercises().stream().mapToLong(e -> count(e, CheckStatus.FAIL)).sum()));
                xml.writeAttribute("errors", Long.toString(report.exercises().stream().mapToLong(e -> count(e, CheckStatus.ERROR)).sum()));
                xml.writeAttribute("skipped", Long.toString(report.exercises().stream().mapToLong(e -> count(e, CheckStatus.SKIPPED)).sum()));
                xml.writeAttribute("time", seconds(report.exercises().stream().flatMap(e -> e.checks().stream())
                        .mapToLong(CheckReport::durationMs).sum()));
            }
            for (ExerciseReport exercise : report.exercises()) {
                suite(xml, exercise, report.submission(), several ? 1 : 0);
            }
            if (several) {
                newline(xml, 0);
                xml.writeEndElement();
            }
            newline(xml, 0);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit XML report", e);
        }
        return text.toString();
    }

    private static void suite(XMLStreamWriter xml, ExerciseReport exercise, Submission submission, int depth) throws XMLStreamException {
        newline(xml, depth);
        xml.writeStartElement("testsuite");
        if (depth == 0) {
            xml.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
            xml.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "noNamespaceSchemaLocation", SCHEMA);
        }
        xml.writeAttribute("version", "3.0.2");
        xml.writeAttribute("name", exercise.slug());
        xml.writeAttribute("time", seconds(exercise.checks().stream().mapToLong(CheckReport::durationMs).sum()));
        xml.writeAttribute("tests", Integer.toString(exercise.checks().size()));
        xml.writeAttribute("errors", Long.toString(count(exercise, CheckStatus.ERROR)));
        xml.writeAttribute("skipped", Long.toString(count(exercise, CheckStatus.SKIPPED)));
        xml.writeAttribute("failures", Long.toString(count(exercise, CheckStatus.FAIL)));
        newline(xml, depth + 1);
        xml.writeStartElement("properties");
        property(xml, depth + 2, "interleave.score", exercise.score() + "/" + exercise.maxScore());
        property(xml, depth + 2, "interleave.status", exercise.status().id());
        property(xml, depth + 2, "interleave.sandbox", exercise.sandbox());
        if (submission != null && submission.commit() != null) {
            property(xml, depth + 2, "interleave.commit", submission.commit());
        }
        newline(xml, depth + 1);
        xml.writeEndElement();
        for (CheckReport check : exercise.checks()) {
            newline(xml, depth + 1);
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", check.title());
            xml.writeAttribute("classname", exercise.slug());
            xml.writeAttribute("time", seconds(check.durationMs()));
            switch (check.status()) {
                case PASS -> {
                }
                case INCONCLUSIVE -> {
                    newline(xml, depth + 2);
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(clean("inconclusive (kept its points): " + check.message()));
                    xml.writeEndElement();
                }
                case FAIL -> problem(xml, depth + 2, "failure", check);
                case ERROR -> problem(xml, depth + 2, "error", check);
                case SKIPPED -> {
                    newline(xml, depth + 2);
                    xml.writeEmptyElement("skipped");
                    xml.writeAttribute("message", clean(check.message()));
                }
            }
            if (check.status() != CheckStatus.PASS) {
                newline(xml, depth + 1);
            }
            xml.writeEndElement();
        }
        newline(xml, depth);
        xml.writeEndElement();
    }

    private static void problem(XMLStreamWriter xml, int depth, String element, CheckReport check) throws XMLStreamException {
        newline(xml, depth);
        xml.writeStartElement(element);
        xml.writeAttribute("message", clean(check.message()));
        xml.writeAttribute("type", check.kind() == null ? "check" : check.kind().id() + "-check");
        StringBuilder detail = new StringBuilder(check.message());
        for (Finding finding : check.findings()) {
            detail.append('\n').append("\tat ").append(finding.path()).append(':').append(finding.line());
        }
        xml.writeCharacters(clean(detail.toString()));
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, int depth, String name, String value) throws XMLStreamException {
        newline(xml, depth);
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", clean(value == null ? "" : value));
    }

    private static long count(ExerciseReport exercise, CheckStatus status) {
        return exercise.checks().stream().filter(c -> c.status() == status).count();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** Drops the characters XML 1.0 cannot hold (student output may contain any). */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            out.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return out.toString();
    }
}
