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

/** Uses sendAsync, but joins each future inside the loop: every request still waits for the one before it. */
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
        List<FetchResult> results = new ArrayList<>();
        for (URI uri : uris) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            results.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> error == null
                            ? FetchResult.success(uri, response.statusCode(), response.body())
                            : FetchResult.failure(uri, error.toString()))
                    .join());
        }
        return CompletableFuture.completedFuture(results);
    }
}
