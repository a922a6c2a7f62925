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

/** Every request goes out with sendAsync at once; each future turns its own failure into a result; allOf waits for all. */
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
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> error == null
                            ? FetchResult.success(uri, response.statusCode(), response.body())
                            : FetchResult.failure(uri, error.toString())));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .thenApply(done -> pending.stream().map(CompletableFuture::join).toList());
    }
}
