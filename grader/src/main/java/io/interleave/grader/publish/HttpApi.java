package io.interleave.grader.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON REST API (GitHub's, GitLab's): sends requests with the given headers, retries server errors (5xx),
 * rate limits (429) and lost connections a few times with growing pauses, and turns refusals into messages.
 */
public final class HttpApi {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Attempts per request, the first included. */
    public static final int ATTEMPTS = 4;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Map<String, String> headers;
    private final Duration retryPause;
    private final String service;

    /** {@code service} names the API in messages; {@code retryPause} is the first pause before a retry. */
    public HttpApi(String service, Map<String, String> headers, Duration retryPause) {
        this.service = service;
        this.headers = Map.copyOf(headers);
        this.retryPause = retryPause;
    }

    /** An answer: its status, headers and JSON body (a missing node when empty). */
    public record Response(int status, Map<String, List<String>> headers, JsonNode body) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    /** Sends a request (body null for none) and returns a 2xx answer, or explains why there was none. */
    public Response send(String method, String url, Object body, String hintOnForbidden)
            throws PublishException, InterruptedException {
        Duration pause = retryPause;
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
            headers.forEach(request::header);
            try {
                request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                JsonNode json = response.body() == null || response.body().isBlank()
                        ? JSON.missingNode() : parse(response.body());
                if (status >= 200 && status < 300) {
                    return new Response(status, response.headers().map(), json);
                }
                String message = json.path("message").asText(json.path("error").asText(response.body()));
                last = status + " " + message;
                if (status == 401) {
                    throw new PublishException(service + " refused the token (401 " + message + "); check that the token is set and valid");
                }
                if (status == 403 && !"0".equals(response.headers().firstValue("x-ratelimit-remaining").orElse(""))) {
                    throw new PublishException(service + " forbade " + method + " " + URI.create(url).getPath() + " (403 " + message
                            + "); " + hintOnForbidden);
                }
                if (status == 404) {
                    throw new PublishException(service + " has no " + URI.create(url).getPath() + " (404 " + message
                            + "); check the repository or project and the pull or merge request number");
                }
                if (status < 500 && status != 429 && status != 403) {
                    throw new PublishException(service + " rejected " + method + " " + URI.create(url).getPath() + ": " + last);
                }
            } catch (IOException e) {
                last = e.toString();
            }
            if (attempt < ATTEMPTS) {
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2);
            }
        }
        throw new PublishException(service + " did not answer " + method + " " + URI.create(url).getPath() + " after "
                + ATTEMPTS + " attempts (last: " + last + "); try again later");
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
