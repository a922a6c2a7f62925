package fetch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/** Hidden checks that OrderFetcher fetches all orders at once, without blocking, in order, and with a timeout. */
@DisplayName("OrderFetcher against a kitchen that controls every answer")
class OrderFetcherHiddenTest {

    /** How long the tests give a future to complete once nothing holds its answers back. */
    private static final Duration RESULTS_CAP = Duration.ofSeconds(8);
    /** No new request for this long means the rest are not on their way. */
    private static final Duration NO_NEW_REQUEST = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(30);

    private Kitchen kitchen;
    private ExecutorService clientExecutor;
    private HttpClient client;

    @BeforeAll
    static void warmUp() throws Exception {
        try (Kitchen warm = Kitchen.open(); ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpClient client = newClient(executor);
            try {
                client.send(HttpRequest.newBuilder(warm.ready("warm-up")).build(), HttpResponse.BodyHandlers.ofString());
            } finally {
                client.shutdownNow();
            }
        }
    }

    @BeforeEach
    void openKitchen() throws Exception {
        kitchen = Kitchen.open();
        clientExecutor = Executors.newVirtualThreadPerTaskExecutor();
        client = newClient(clientExecutor);
    }

    @AfterEach
    void closeKitchen() {
        kitchen.close();
        client.shutdownNow();
        clientExecutor.shutdownNow();
    }

    static HttpClient newClient(ExecutorService executor) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY)
                .executor(executor).build();
    }

    @Test
    @Tag("task:1")
    @DisplayName("fetchAll returns its future before the kitchen has answered any order")
    void returnsBeforeAnyAnswer() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<String> orders = names("chai", 6);
        List<URI> uris = orders.stream().map(o -> kitchen.held(o, gate)).toList();

        OrderDesk desk = OrderDesk.call(new OrderFetcher(client, GENEROUS_TIMEOUT), uris);
        CompletableFuture<List<FetchResult>> future = returned(desk, uris.size(), "held every answer back");
        if (future.isDone()) {
            fail("fetchAll returned a future that was already complete (%s) before the kitchen had answered any of "
                    + "the %d orders (%d of them had reached it). The future must complete when the answers are there, "
                    + "not before.", describe(future), uris.size(), kitchen.arrived());
        }

        gate.countDown();
        assertAnswered(results(desk, "the kitchen answered every order"), orders, uris);
    }

    @Test
    @Tag("task:2")
    @DisplayName("All orders are in flight at the same time: the kitchen receives every request before it answers any")
    void allOrdersInFlightAtOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<String> orders = names("masala", 8);
        List<URI> uris = orders.stream().map(o -> kitchen.held(o, gate)).toList();

        OrderDesk desk = OrderDesk.call(new OrderFetcher(client, GENEROUS_TIMEOUT), uris);
        returned(desk, uris.size(), "held every answer back");
        int arrived = kitchen.awaitArrivals(uris.size(), NO_NEW_REQUEST);
        if (arrived < uris.size()) {
            fail("only %d of %d order requests reached the kitchen while it held the answers back, and no new one came "
                    + "for %d s: the remaining requests are sent only after earlier answers arrive, so the batch takes "
                    + "the sum of the requests' times instead of the slowest one. Send every request before waiting for "
                    + "any answer (what does your code wait for between two requests?).",
                    arrived, uris.size(), NO_NEW_REQUEST.toSeconds());
        }

        gate.countDown();
        assertAnswered(results(desk, "the kitchen answered every order"), orders, uris);
    }

    @Test
    @Tag("task:3")
    @DisplayName("Results follow the order of the addresses, although the kitchen answers the last order first")
    void resultsInInputOrder() throws Exception {
        int n = 6;
        int concurrentRounds = 0;
        for (int round = 1; round <= 3 && concurrentRounds < 2; round++) {
            int inFlight = reverseRound(round, n);
            if (inFlight <= 1) {
                return;
            }
            if (inFlight == n) {
                concurrentRounds++;
            }
        }
    }

    /**
     * One round in which the kitchen answers the last order first, 80 ms apart, once all requests are there (or
     * none came for a while); returns how many requests were in flight when the first answer went out. Requests
     * sent one by one come back in order anyway, so one such round is enough.
     */
    private int reverseRound(int round, int n) throws Exception {
        List<String> orders = names("round" + round + "-ginger", n);
        AtomicInteger inFlight = new AtomicInteger(-1);
        int before = kitchen.arrived();
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int position = i;
            uris.add(kitchen.answersWhen(orders.get(i), 200, () -> {
                while (kitchen.arrived() - before < n && kitchen.sinceLastArrival().toMillis() < 250) {
                    Thread.sleep(2);
                }
                inFlight.compareAndSet(-1, kitchen.arrived() - before);
                Thread.sleep(80L * (n - 1 - position));
            }));
        }

        OrderDesk desk = OrderDesk.call(new OrderFetcher(client, GENEROUS_TIMEOUT), uris);
        List<FetchResult> results = results(desk, "the kitchen answered every order, the last one first");
        assertThat(results).as("results of fetchAll for %d orders", n).hasSize(n).doesNotContainNull();
        List<URI> got = results.stream().map(FetchResult::uri).toList();
        if (!got.equals(uris)) {
            fail("round %d: the orders were %s, the kitchen answered them last first (%s), and fetchAll's list held "
                    + "them as %s. The list must follow the order of the addresses, whatever order the answers come in: "
                    + "where does your code decide each result's place?",
                    round, orders, orders.reversed(), got.stream().map(OrderFetcherHiddenTest::order).toList());
        }
        assertAnswered(results, orders, uris);
        return inFlight.get();
    }

    @Test
    @Tag("task:3")
    @DisplayName("A refused connection and a reset one become failure results; a 500 is an answer; the rest succeed")
    void failuresBecomeResults() throws Exception {
        List<URI> uris = List.of(kitchen.ready("masala"), kitchen.failing("ginger"), kitchen.refused("cardamom"),
                kitchen.reset("saffron"), kitchen.ready("tulsi"));
        List<String> kinds = List.of("answered 200", "answered 500", "refused the connection",
                "reset the connection halfway through its answer", "answered 200");

        Map<URI, FetchResult> results = byUri(completed(OrderDesk.call(new OrderFetcher(client, GENEROUS_TIMEOUT), uris),
                uris, kinds), uris);
        for (int i = 0; i < uris.size(); i++) {
            FetchResult result = results.get(uris.get(i));
            boolean answer = i == 0 || i == 1 || i == 4;
            int status = i == 1 ? 500 : 200;
            if (answer && !(result.ok() && result.status() == status && Kitchen.body(order(uris.get(i)), status).equals(result.body()))) {
                fail("the result for %s: the kitchen %s, so it must be FetchResult.success(uri, %d, \"%s\"), but it was %s. "
                        + "An HTTP error status is still an answer from the server.", order(uris.get(i)), kinds.get(i),
                        status, Kitchen.body(order(uris.get(i)), status), result);
            }
            if (!answer && result.ok()) {
                fail("the result for %s: the address %s, so no answer came and the result must be a failure, but it was %s",
                        order(uris.get(i)), kinds.get(i), result);
            }
        }

        List<URI> allRefused = List.of(kitchen.refused("first"), kitchen.refused("second"), kitchen.refused("third"));
        List<FetchResult> none = completed(OrderDesk.call(new OrderFetcher(client, GENEROUS_TIMEOUT), allRefused),
                allRefused, List.of("refused the connection", "refused the connection", "refused the connection"));
        assertThat(byUri(none, allRefused).values()).as("results of fetchAll when every connection is refused")
                .allSatisfy(r -> assertThat(r.ok()).as("ok() of %s", r).isFalse());
    }

    @Test
    @Tag("task:4")
    @DisplayName("Orders the kitchen never answers time out as failures after the timeout; the others still succeed")
    void stuckOrdersTimeOut() throws Exception {
        List<URI> uris = List.of(kitchen.ready("chai"), kitchen.stuck("lost"), kitchen.ready("tulsi"),
                kitchen.stuck("forgotten"));
        OrderDesk desk = OrderDesk.call(new OrderFetcher(client, TIMEOUT), uris);
        Duration cap = TIMEOUT.plusSeconds(5);
        List<FetchResult> results;
        try {
            desk.awaitCall(cap);
            results = desk.results(cap);
        } catch (TimeoutException e) {
            fail("the future had not completed %d s after fetchAll was called, with a timeout of %,d ms per request: the "
                    + "kitchen never answers orders 'lost' and 'forgotten', and nothing gave up on them (%d of %d "
                    + "requests had reached the kitchen%s). Each request must give up after the timeout and become a "
                    + "failure result, like asyncio.wait_for.", cap.toSeconds(), TIMEOUT.toMillis(), kitchen.arrived(),
                    uris.size(), desk.isCalling() ? "; fetchAll itself had not returned, it was at " + desk.where() : "");
            return;
        } catch (ExecutionException e) {
            fail("fetchAll's future failed with %s: a request that timed out took the whole batch down; it must become "
                    + "that order's failure result instead", e.getCause());
            return;
        }
        Duration took = desk.sinceCall();
        Map<URI, FetchResult> byUri = byUri(results, uris);
        for (int i : new int[] {1, 3}) {
            if (byUri.get(uris.get(i)).ok()) {
                fail("the result for %s: the kitchen never answered it, yet the result is %s", order(uris.get(i)),
                        byUri.get(uris.get(i)));
            }
        }
        if (took.compareTo(TIMEOUT) < 0) {
            fail("the future completed %,d ms after fetchAll was called, before the timeout of %,d ms had passed for "
                    + "the stuck orders: their failure results came too early. Give each request the timeout given to "
                    + "the constructor.", took.toMillis(), TIMEOUT.toMillis());
        }
        for (int i : new int[] {0, 2}) {
            FetchResult result = byUri.get(uris.get(i));
            String error = String.valueOf(result.error()).toLowerCase(java.util.Locale.ROOT);
            if (!result.ok() && (error.contains("timeout") || error.contains("timed out"))) {
                abort("the machine was so busy that an order the kitchen answered at once took longer than the "
                        + "timeout (" + result.error() + "); this check is inconclusive, grade again");
            }
            assertThat(result.ok()).as("ok() of the result for %s, which the kitchen answered at once; it was %s: a stuck "
                    + "order must not stall or fail the others", order(uris.get(i)), result).isTrue();
            assertThat(result.status()).as("status of the result for %s", order(uris.get(i))).isEqualTo(200);
        }
    }

    @Test
    @Tag("task:5")
    @DisplayName("No platform thread is started per order: 32 orders in flight do not add 32 platform threads")
    void noPlatformThreadPerOrder() throws Exception {
        int n = 32;
        startCarrierThreads();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CountDownLatch gate = new CountDownLatch(1);
        List<String> orders = names("tulsi", n);
        List<URI> uris = orders.stream().map(o -> kitchen.held(o, gate)).toList();
        int baseline = threads.getThreadCount();

        OrderDesk desk = OrderDesk.call(new OrderFetcher(client, GENEROUS_TIMEOUT), uris);
        returned(desk, n, "held every answer back; this check needs all of them in flight");
        int arrived = kitchen.awaitArrivals(n, NO_NEW_REQUEST);
        if (arrived < n) {
            fail("only %d of %d order requests reached the kitchen while it held the answers back; this check needs "
                    + "all of them in flight at once (see task 2)", arrived, n);
        }
        int peak = 0;
        for (int i = 0; i < 20; i++) {
            peak = Math.max(peak, threads.getThreadCount());
            Thread.sleep(5);
        }
        int added = peak - baseline;
        if (added >= n / 2) {
            fail("while %d orders were in flight, the JVM ran %d more platform threads than before fetchAll (%d before, "
                    + "%d at the peak): about one per waiting request. A platform thread is an OS thread with its own "
                    + "stack; 10,000 orders would need 10,000 of them just to wait. Let the HttpClient's asynchronous "
                    + "API, or virtual threads, do the waiting.", n, added, baseline, peak);
        }

        gate.countDown();
        assertAnswered(results(desk, "the kitchen answered every order"), orders, uris);
    }

    /** Starts the virtual-thread scheduler's carrier threads before the baseline is taken. */
    private static void startCarrierThreads() throws InterruptedException {
        int carriers = Runtime.getRuntime().availableProcessors();
        CountDownLatch all = new CountDownLatch(carriers);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < carriers; i++) {
            spinners.add(Thread.ofVirtual().start(() -> {
                all.countDown();
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            }));
        }
        for (Thread spinner : spinners) {
            spinner.join();
        }
    }

    /** The future fetchAll returned while the kitchen {@code held}, or the test fails saying what fetchAll did instead. */
    private CompletableFuture<List<FetchResult>> returned(OrderDesk desk, int orders, String held) throws InterruptedException {
        return switch (desk.awaitReturn(kitchen)) {
            case OrderDesk.Outcome.Returned r when r.future() == null -> fail("fetchAll returned null instead of a future");
            case OrderDesk.Outcome.Returned r -> r.future();
            case OrderDesk.Outcome.Threw t -> fail("fetchAll threw %s instead of returning a future", t.error());
            case OrderDesk.Outcome.Waiting w -> fail("fetchAll did not return: the kitchen %s, %d of %d order requests had "
                    + "reached it, and the calling thread sat waiting for %,d ms in %s. fetchAll must hand back its "
                    + "CompletableFuture at once, while the requests are still in flight, and let their answers complete "
                    + "it later: who waits for an answer inside fetchAll?", held, w.arrived(), orders,
                    OrderDesk.PARKED_MEANS_WAITING.toMillis(), w.where());
            case OrderDesk.Outcome.Busy b -> fail("fetchAll had not returned %d s after it was called (the kitchen %s; %d "
                    + "of %d requests had reached it); it was busy in %s", OrderDesk.RETURN_CAP.toSeconds(), held,
                    kitchen.arrived(), orders, b.where());
        };
    }

    /** The results of the call once the future completes, or the test fails saying why they did not come. */
    private List<FetchResult> results(OrderDesk desk, String after) throws InterruptedException {
        try {
            desk.awaitCall(RESULTS_CAP);
            return desk.results(RESULTS_CAP);
        } catch (TimeoutException e) {
            return fail("the future had not completed %d s after fetchAll was called, although %s (%d answered)%s",
                    RESULTS_CAP.toSeconds(), after, kitchen.answered(),
                    desk.isCalling() ? "; fetchAll itself had not returned, it was at " + desk.where() : "");
        } catch (ExecutionException e) {
            return fail("fetchAll's future failed with %s, although %s", e.getCause(), after);
        }
    }

    /** The results of a call whose addresses include failing ones; the future must not fail. */
    private List<FetchResult> completed(OrderDesk desk, List<URI> uris, List<String> kinds) throws InterruptedException {
        try {
            desk.awaitCall(RESULTS_CAP);
            return desk.results(RESULTS_CAP);
        } catch (TimeoutException e) {
            return fail("the future had not completed %d s after fetchAll was called, although every address answers, "
                    + "refuses or resets at once%s", RESULTS_CAP.toSeconds(),
                    desk.isCalling() ? "; fetchAll itself had not returned, it was at " + desk.where() : "");
        } catch (ExecutionException e) {
            List<String> told = new ArrayList<>();
            for (int i = 0; i < uris.size(); i++) {
                told.add(order(uris.get(i)) + ": " + kinds.get(i));
            }
            return fail("fetchAll's future failed with %s: one order that could not be fetched took the whole batch "
                    + "down (%s). Each request's failure must become that order's FetchResult.failure and the others "
                    + "must still get their results, like asyncio.gather(..., return_exceptions=True).",
                    e.getCause(), String.join("; ", told));
        }
    }

    /**
     * Every order got its 200 answer. The order of the list is checked by resultsInInputOrder alone, so that each
     * check names one defect; here results are matched to their addresses.
     */
    private static void assertAnswered(List<FetchResult> results, List<String> orders, List<URI> uris) {
        Map<URI, FetchResult> byUri = byUri(results, uris);
        for (int i = 0; i < uris.size(); i++) {
            assertThat(byUri.get(uris.get(i))).as("the result for %s, which the kitchen answered with 200", orders.get(i))
                    .isEqualTo(FetchResult.success(uris.get(i), 200, Kitchen.body(orders.get(i), 200)));
        }
    }

    /** The results by their addresses, after checking that there is exactly one result for each address. */
    private static Map<URI, FetchResult> byUri(List<FetchResult> results, List<URI> uris) {
        assertThat(results).as("results of fetchAll for %d orders", uris.size()).hasSize(uris.size());
        assertThat(results).as("results of fetchAll for %d orders", uris.size()).doesNotContainNull();
        assertThat(results.stream().map(FetchResult::uri).toList()).as("the addresses of the results")
                .containsExactlyInAnyOrderElementsOf(uris);
        Map<URI, FetchResult> byUri = new HashMap<>();
        results.forEach(r -> byUri.put(r.uri(), r));
        return byUri;
    }

    private static List<String> names(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static String order(URI uri) {
        String path = uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String describe(CompletableFuture<?> future) {
        if (future.isCompletedExceptionally()) {
            return "failed with " + future.exceptionNow();
        }
        return "with " + future.resultNow();
    }
}
