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

/** allOf over the raw sendAsync futures: the first refused, reset or timed-out request fails the whole future. */
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
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (URI uri : uris) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<FetchResult> results = new ArrayList<>();
            for (int i = 0; i < uris.size(); i++) {
                HttpResponse<String> response = pending.get(i).join();
                results.add(FetchResult.success(uris.get(i), response.statusCode(), response.body()));
            }
            return results;
        });
    }
}
