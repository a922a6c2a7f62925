package fetch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.io.IOException;

/** Returns at once, but one background thread sends the requests one after another: the batch takes the sum. */
public class OrderFetcher {
    private final HttpClient client;
    private final Duration timeout;

    public OrderFetcher(HttpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, was " + timeout);
        }
    }

    public CompletableFuture<List<FetchResult>> fetchAll(List<URI> uris) {
        return CompletableFuture.supplyAsync(() -> {
            List<FetchResult> results = new ArrayList<>();
            for (URI uri : uris) {
                results.add(fetch(uri));
            }
            return results;
        });
    }

    private FetchResult fetch(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return FetchResult.success(uri, response.statusCode(), response.body());
        } catch (IOException | RuntimeException e) {
            return FetchResult.failure(uri, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FetchResult.failure(uri, e.toString());
        }
    }
}
