package fetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Fetches the chai shop's orders from the order service, one request per address. */
public class OrderFetcher {
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param client  the HTTP client to send every request with
     * @param timeout how long to wait for the answer to each request
     */
    public OrderFetcher(HttpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, was " + timeout);
        }
    }

    /**
     * Fetches every address with a GET request. The future completes with one result per address, in the
     * order of {@code uris}: the answer of the server, or a failure saying why there was none.
     */
    public CompletableFuture<List<FetchResult>> fetchAll(List<URI> uris) {
        List<FetchResult> results = new ArrayList<>();
        for (URI uri : uris) {
            HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                results.add(FetchResult.success(uri, response.statusCode(), response.body()));
            } catch (IOException e) {
                results.add(FetchResult.failure(uri, e.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.add(FetchResult.failure(uri, e.toString()));
            }
        }
        return CompletableFuture.completedFuture(results);
    }
}
