package fetch;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Hidden checks of the edges of fetchAll's contract: no addresses, the same address twice. */
@DisplayName("OrderFetcher's contract at the edges")
class OrderFetcherContractTest {
    private static final Duration CAP = Duration.ofSeconds(8);

    private Kitchen kitchen;
    private ExecutorService clientExecutor;
    private HttpClient client;

    @BeforeEach
    void openKitchen() throws Exception {
        kitchen = Kitchen.open();
        clientExecutor = Executors.newVirtualThreadPerTaskExecutor();
        client = OrderFetcherHiddenTest.newClient(clientExecutor);
    }

    @AfterEach
    void closeKitchen() {
        kitchen.close();
        client.shutdownNow();
        clientExecutor.shutdownNow();
    }

    @Test
    @Tag("task:3")
    @DisplayName("No addresses give an empty list, and an address listed twice gives two results in its two places")
    void emptyAndRepeatedOrders() throws Exception {
        OrderFetcher fetcher = new OrderFetcher(client, Duration.ofSeconds(30));

        assertThat(results(OrderDesk.call(fetcher, List.of()), "no addresses")).as("results of fetchAll(List.of())").isEmpty();

        URI chai = kitchen.ready("chai");
        URI tulsi = kitchen.ready("tulsi");
        List<URI> uris = List.of(chai, tulsi, chai);
        List<FetchResult> results = results(OrderDesk.call(fetcher, uris), "the orders chai, tulsi, chai");
        assertThat(results).as("results of fetchAll for the orders chai, tulsi, chai").containsExactlyInAnyOrder(
                FetchResult.success(chai, 200, Kitchen.body("chai", 200)),
                FetchResult.success(tulsi, 200, Kitchen.body("tulsi", 200)),
                FetchResult.success(chai, 200, Kitchen.body("chai", 200)));
    }

    private static List<FetchResult> results(OrderDesk desk, String what) throws InterruptedException {
        try {
            desk.awaitCall(CAP);
            return desk.results(CAP);
        } catch (TimeoutException e) {
            return fail("the future of fetchAll for %s had not completed %d s after the call", what, CAP.toSeconds());
        } catch (ExecutionException e) {
            return fail("the future of fetchAll for %s failed with %s", what, e.getCause());
        }
    }
}
