package io.interleave.grader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The grader's own JSON report (schema {@link GradeReport#SCHEMA_VERSION}), for machines. */
public record JsonReportWriter() implements ReportWriter {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @Override
    public String write(GradeReport report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** Reads a report written by this writer. */
    public static GradeReport read(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, GradeReport.class);
    }
}
