package fetch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Public tests of OrderFetcher against a small order service that runs inside the test on 127.0.0.1. */
@DisplayName("OrderFetcher")
class OrderFetcherPublicTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private HttpServer server;
    private ExecutorService executor;
    private HttpClient client;
    private final AtomicInteger arrived = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);

    @BeforeEach
    void openKitchen() throws IOException {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 256);
        server.setExecutor(executor);
        server.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY)
                .executor(executor).build();
    }

    @AfterEach
    void closeKitchen() {
        closing.countDown();
        server.stop(0);
        client.shutdownNow();
        executor.shutdownNow();
    }

    @Test
    @Tag("task:1")
    @DisplayName("fetchAll returns its future while the kitchen is still holding the answers")
    void returnsBeforeTheAnswers() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<URI> uris = List.of(order("chai", 200, gate), order("tulsi", 200, gate));

        CompletableFuture<List<FetchResult>> future = callWithin(Duration.ofSeconds(3), uris);

        assertThat(future.isDone()).as("is the future complete before the kitchen answered?").isFalse();
        gate.countDown();
        assertThat(future.get(10, TimeUnit.SECONDS)).extracting(FetchResult::body).containsExactly("order chai", "order tulsi");
    }

    @Test
    @Tag("task:2")
    @DisplayName("Five orders are all at the kitchen at once before it answers any of them")
    void allOrdersAtOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uris.add(order("masala-" + i, 200, gate));
        }

        CompletableFuture<List<FetchResult>> future = callWithin(Duration.ofSeconds(3), uris);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (arrived.get() < uris.size() && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }

        assertThat(arrived.get()).as("requests at the kitchen while it held every answer: are they sent one after "
                + "another?").isEqualTo(uris.size());
        gate.countDown();
        assertThat(future.get(10, TimeUnit.SECONDS)).hasSize(uris.size()).allMatch(FetchResult::ok);
    }

    @Test
    @Tag("task:3")
    @DisplayName("Results keep the order of the addresses; a 500 is an answer, a refused connection a failure")
    void resultsInOrderWithFailures() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        URI slow = order("slow-chai", 200, gate);
        URI boiled = order("ginger", 500, null);
        URI refused = nobodyListening();
        URI quick = order("quick-tulsi", 200, null);

        CompletableFuture<List<FetchResult>> future = callWithin(Duration.ofSeconds(3), List.of(slow, boiled, refused, quick));
        Thread.sleep(300);
        gate.countDown();
        List<FetchResult> results = future.get(10, TimeUnit.SECONDS);

        assertThat(results).extracting(FetchResult::uri).as("uris of the results").containsExactly(slow, boiled, refused, quick);
        assertThat(results.get(0)).isEqualTo(FetchResult.success(slow, 200, "order slow-chai"));
        assertThat(results.get(1)).isEqualTo(FetchResult.success(boiled, 500, "the kettle boiled over"));
        assertThat(results.get(2).ok()).as("ok() for a refused connection: %s", results.get(2)).isFalse();
        assertThat(results.get(3)).isEqualTo(FetchResult.success(quick, 200, "order quick-tulsi"));
    }

    @Test
    @Tag("task:4")
    @DisplayName("An order the kitchen never answers becomes a failure after the timeout, and the others succeed")
    void stuckOrderTimesOut() throws Exception {
        URI stuck = order("lost", 200, new CountDownLatch(1));
        URI ready = order("chai", 200, null);
        OrderFetcher fetcher = new OrderFetcher(client, Duration.ofMillis(500));

        AtomicReference<CompletableFuture<List<FetchResult>>> future = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().daemon().start(() -> future.set(fetcher.fetchAll(List.of(stuck, ready))));
        if (!caller.join(Duration.ofSeconds(5))) {
            fail("fetchAll had not returned after 5 s: nothing gives up on the order the kitchen never answers");
        }
        List<FetchResult> results = future.get().get(5, TimeUnit.SECONDS);

        assertThat(results.get(0).ok()).as("ok() of the order the kitchen never answered: %s", results.get(0)).isFalse();
        assertThat(results.get(1)).isEqualTo(FetchResult.success(ready, 200, "order chai"));
    }

    @Test
    @Tag("task:5")
    @DisplayName("Forty orders in flight do not add forty platform threads")
    void noPlatformThreadPerOrder() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            uris.add(order("tulsi-" + i, 200, gate));
        }
        int before = ManagementFactory.getThreadMXBean().getThreadCount();

        CompletableFuture<List<FetchResult>> future = callWithin(Duration.ofSeconds(3), uris);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (arrived.get() < uris.size() && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        int during = ManagementFactory.getThreadMXBean().getThreadCount();

        assertThat(arrived.get()).as("requests at the kitchen while it held every answer").isEqualTo(uris.size());
        assertThat(during - before).as("platform threads added while %d orders were in flight", uris.size())
                .isLessThan(uris.size() / 2);
        gate.countDown();
        assertThat(future.get(10, TimeUnit.SECONDS)).hasSize(uris.size());
    }

    /** Calls fetchAll on a thread of its own and fails when it does not return within {@code limit}. */
    private CompletableFuture<List<FetchResult>> callWithin(Duration limit, List<URI> uris) throws InterruptedException {
        OrderFetcher fetcher = new OrderFetcher(client, Duration.ofSeconds(30));
        AtomicReference<CompletableFuture<List<FetchResult>>> future = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().daemon().start(() -> future.set(fetcher.fetchAll(uris)));
        if (!caller.join(limit)) {
            fail("fetchAll had not returned %d s after it was called, while the kitchen held its answers (%d requests "
                    + "had arrived): does it wait for an answer before it returns?", limit.toSeconds(), arrived.get());
        }
        assertThat(future.get()).as("the future returned by fetchAll").isNotNull();
        return future.get();
    }

    /** An order the kitchen answers with {@code status} once {@code gate} opens (at once when it is null). */
    private URI order(String name, int status, CountDownLatch gate) {
        String path = "/orders/" + name;
        server.createContext(path, exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                arrived.incrementAndGet();
                while (gate != null && !gate.await(20, TimeUnit.MILLISECONDS)) {
                    if (closing.getCount() == 0) {
                        return;
                    }
                }
                byte[] body = (status == 200 ? "order " + name : "the kettle boiled over").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return URI.create("http://" + LOOPBACK.getHostAddress() + ":" + server.getAddress().getPort() + path);
    }

    private static URI nobodyListening() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return URI.create("http://" + LOOPBACK.getHostAddress() + ":" + probe.getLocalPort() + "/orders/nobody");
        }
    }
}
