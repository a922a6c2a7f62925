package io.interleave.grader.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Publishes on GitLab from the standard CI environment: one sticky merge-request note (found by its marker
 * across every page of notes, then edited), and a Code Quality report that shows findings on the changed lines.
 */
public final class GitLabPublisher {
    static final String FORBIDDEN = "the token needs the api scope and at least the Reporter role on the project"
            + " (CI_JOB_TOKEN cannot write notes: use a project access token in a masked variable)";

    private final String api;
    private final String project;
    private final HttpApi http;

    public GitLabPublisher(String api, String project, String token, Duration retryPause) {
        this.api = api.replaceAll("/+$", "");
        this.project = URLEncoder.encode(project, StandardCharsets.UTF_8);
        this.http = new HttpApi("GitLab", Map.of("PRIVATE-TOKEN", token, "User-Agent", "interleave-grader"), retryPause);
    }

    /** Creates the sticky note, or edits it when it exists; returns its id. */
    public long note(int mergeRequest, StickyComment sticky, String markdown) throws PublishException, InterruptedException {
        String notes = api + "/projects/" + project + "/merge_requests/" + mergeRequest + "/notes";
        Long existing = null;
        String page = "1";
        while (page != null && !page.isBlank() && existing == null) {
            HttpApi.Response answer = http.send("GET", notes + "?per_page=100&sort=asc&page=" + page, null, FORBIDDEN);
            for (JsonNode note : answer.body()) {
                if (sticky.marks(note.path("body").asText())) {
                    existing = note.path("id").asLong();
                    break;
                }
            }
            page = answer.header("X-Next-Page").orElse(null);
        }
        Map<String, String> body = Map.of("body", sticky.body(markdown));
        HttpApi.Response answer = existing == null ? http.send("POST", notes, body, FORBIDDEN)
                : http.send("PUT", notes + "/" + existing, body, FORBIDDEN);
        return answer.body().path("id").asLong();
    }

    /** Writes the annotations as a GitLab Code Quality report (the artifacts:reports:codequality file). */
    public static void codeQuality(Path file, List<Annotation> annotations) throws IOException {
        ArrayNode issues = HttpApi.JSON.createArrayNode();
        for (Annotation annotation : annotations) {
            ObjectNode issue = issues.addObject();
            issue.put("description", annotation.title() + ": " + annotation.message());
            issue.put("check_name", annotation.title());
            issue.put("fingerprint", Integer.toHexString((annotation.path() + ":" + annotation.line() + ":" + annotation.message()).hashCode()));
            issue.put("severity", "major");
            ObjectNode location = issue.putObject("location");
            location.put("path", annotation.path());
            location.putObject("lines").put("begin", annotation.line());
        }
        Files.writeString(file, HttpApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(issues) + "\n", StandardCharsets.UTF_8);
    }
}
