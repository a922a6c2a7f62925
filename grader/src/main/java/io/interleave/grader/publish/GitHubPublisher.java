package io.interleave.grader.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes on GitHub from the standard Actions environment: one sticky pull-request comment (found by its
 * marker across every page of comments, then edited), the job summary, and annotations as workflow commands.
 */
public final class GitHubPublisher {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    static final String FORBIDDEN = "give the workflow 'permissions: pull-requests: write'; on pull requests from forks the"
            + " GITHUB_TOKEN of a pull_request workflow is read-only, so post from a pull_request_target or workflow_run workflow";

    private final String api;
    private final String repository;
    private final HttpApi http;

    public GitHubPublisher(String api, String repository, String token, Duration retryPause) {
        this.api = api.replaceAll("/+$", "");
        this.repository = repository;
        this.http = new HttpApi("GitHub", Map.of("Authorization", "Bearer " + token, "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28", "User-Agent", "interleave-grader"), retryPause);
    }

    /** The pull request number of the event that started the workflow, if it is about one. */
    public static Optional<Integer> pullRequest(Path eventFile) throws IOException {
        JsonNode event = HttpApi.JSON.readTree(Files.readString(eventFile));
        for (JsonNode number : new JsonNode[] {event.path("pull_request").path("number"), event.path("issue").path("number"),
                event.path("number")}) {
            if (number.canConvertToInt() && number.asInt() > 0) {
                return Optional.of(number.asInt());
            }
        }
        return Optional.empty();
    }

    /** Creates the sticky comment, or edits it when it exists; returns its URL. */
    public String comment(int pullRequest, StickyComment sticky, String markdown) throws PublishException, InterruptedException {
        String url = api + "/repos/" + repository + "/issues/" + pullRequest + "/comments?per_page=100";
        Long existing = null;
        while (url != null && existing == null) {
            HttpApi.Response page = http.send("GET", url, null, FORBIDDEN);
            for (JsonNode comment : page.body()) {
                if (sticky.marks(comment.path("body").asText())) {
                    existing = comment.path("id").asLong();
                    break;
                }
            }
            url = page.header("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> m.group(1)).orElse(null);
        }
        Map<String, String> body = Map.of("body", sticky.body(markdown));
        HttpApi.Response answer = existing == null
                ? http.send("POST", api + "/repos/" + repository + "/issues/" + pullRequest + "/comments", body, FORBIDDEN)
                : http.send("PATCH", api + "/repos/" + repository + "/issues/comments/" + existing, body, FORBIDDEN);
        return answer.body().path("html_url").asText("");
    }

    /** Appends the Markdown to the job summary file. */
    public static void summary(Path summaryFile, String markdown) throws IOException {
        Files.writeString(summaryFile, markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
