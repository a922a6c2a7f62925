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
import java.util.concurrent.TimeUnit;

/**
 * sendAsync for every order; orTimeout gives up on the future (like asyncio.wait_for) and exceptionally turns any
 * failure into a result; thenCombine folds the results into a list in the order of the addresses.
 */
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
        CompletableFuture<List<FetchResult>> all = CompletableFuture.completedFuture(List.of());
        for (URI uri : uris) {
            CompletableFuture<FetchResult> one = client
                    .sendAsync(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> FetchResult.success(uri, response.statusCode(), response.body()))
                    .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .exceptionally(error -> FetchResult.failure(uri, error.toString()));
            all = all.thenCombine(one, (done, next) -> {
                List<FetchResult> more = new ArrayList<>(done);
                more.add(next);
                return more;
            });
        }
        return all;
    }
}
