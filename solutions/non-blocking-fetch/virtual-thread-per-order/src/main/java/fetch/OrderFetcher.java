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

/** One virtual thread per order makes a plain blocking send; blocking a virtual thread costs no platform thread. */
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
        List<CompletableFuture<FetchResult>> pending = new ArrayList<>();
        for (URI uri : uris) {
            CompletableFuture<FetchResult> result = new CompletableFuture<>();
            Thread.ofVirtual().name("order-" + uri.getPath()).start(() -> result.complete(fetch(uri)));
            pending.add(result);
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .thenApply(done -> pending.stream().map(CompletableFuture::join).toList());
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
