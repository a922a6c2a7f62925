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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** supplyAsync of a blocking send on a cached thread pool: the pool grows one platform thread per waiting request. */
public class OrderFetcher {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "order-fetcher");
        thread.setDaemon(true);
        return thread;
    });
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
            pending.add(CompletableFuture.supplyAsync(() -> fetch(uri), POOL));
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
