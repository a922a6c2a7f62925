package race;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import static org.assertj.core.api.Assertions.fail;
import static race.Interleavings.cups;
import static race.Interleavings.explore;
import static race.Interleavings.restock;
import static race.Interleavings.scenario;
import static race.Interleavings.sell;

/**
 * Hidden checks that ChaiStock keeps its promises while several threads use it at once. The safety checks run each
 * scenario on every interleaving the model checker explores, so they do not depend on how busy the machine is.
 */
@Isolated
@DisplayName("ChaiStock shared by several threads")
class ChaiStockHiddenTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Duration VISIBILITY_BUDGET = Duration.ofMillis(300);
    private static final Duration VISIBILITY_CAP = Duration.ofSeconds(5);
    private static final Duration RESTOCK_DELAY = Duration.ofMillis(15);
    private static final Duration CUSTOMER_PATIENCE = Duration.ofMillis(1_500);
    private static final Duration SURE_NOT_SEEN = Duration.ofMillis(300);

    @Test
    @Tag("task:1")
    @DisplayName("No restock is lost when two baristas restock at the same time")
    void noRestockIsLost() {
        explore(scenario(List.of(), List.of(List.of(restock(1)), List.of(restock(2))), List.of(cups())),
                "Lost a restock: two baristas restocked 1 and 2 cups into an empty stock at the same time, and "
                        + "cups() then did not show 3.",
                "Look at how restock changes the count: can two threads read the same old value, and each write "
                        + "back that value plus their own cups?");
    }

    @Test
    @Tag("task:2")
    @DisplayName("No cup is oversold while two cashiers keep selling the only cup and putting it back")
    void noCupIsOversold() {
        List<Actor> cashier = List.of(sell(1), cups(), restock(1));
        explore(scenario(List.of(restock(1)), List.of(cashier, cashier), List.of(cups())),
                "Oversold: with 1 cup in stock, two cashiers each sold a cup, looked at the stock and restocked a "
                        + "cup, and the stock showed a count that no order of those calls gives.",
                "Look at sell: between checking that a cup is there and taking it, can another thread take the "
                        + "same cup, or see the count while it is half changed?");
    }

    @Test
    @Tag("task:2")
    @DisplayName("The last cup is sold exactly once when two customers try to buy it at the same instant")
    void lastCupIsSoldOnce() {
        explore(scenario(List.of(restock(1)), List.of(List.of(sell(1)), List.of(sell(1))), List.of(cups())),
                "The last cup went wrong: with 1 cup in stock, two customers called sell(1) at the same time; "
                        + "exactly one of them must get it and the stock must then show 0.",
                "Look at sell: between checking that a cup is there and taking it, can another thread take the "
                        + "same cup?");
    }

    @Test
    @Tag("task:3")
    @DisplayName("The books balance when a barista restocks while a customer buys")
    void booksBalanceUnderRestockAndSell() {
        explore(scenario(List.of(restock(1)), List.of(List.of(restock(1)), List.of(sell(1))), List.of(cups())),
                "The books do not balance: with 1 cup in stock, a barista restocked 1 cup while a customer bought "
                        + "1, so the sale must succeed and 1 cup must remain.",
                "Look at what keeps a restock and a sale apart: can one thread restock while another sells, both "
                        + "starting from the same old count?");
    }

    @Test
    @Tag("task:3")
    @DisplayName("A customer waiting for chai sees the cup another thread restocked")
    void waitingCustomerSeesTheRestock() throws InterruptedException {
        long start = System.nanoTime();
        int trials = 0;
        int starved = 0;
        while (trials < 8 || elapsedSince(start).compareTo(VISIBILITY_BUDGET) < 0) {
            if (elapsedSince(start).compareTo(VISIBILITY_CAP) > 0) {
                break;
            }
            trials++;
            ChaiStock stock = new ChaiStock(0);
            boolean[] saw = new boolean[1];
            long[] cpuAtEnd = new long[1];
            long deadline = System.nanoTime() + CUSTOMER_PATIENCE.toNanos();
            Thread customer = Thread.ofPlatform().name("waiting-customer").daemon().start(() -> {
                saw[0] = waitForACup(stock, deadline);
                cpuAtEnd[0] = THREADS.getCurrentThreadCpuTime();
            });
            Thread.sleep(RESTOCK_DELAY);
            stock.restock(1);
            long cpuAtRestock = THREADS.getThreadCpuTime(customer.threadId());
            if (!customer.join(CUSTOMER_PATIENCE.plusSeconds(10))) {
                fail("the waiting customer thread did not finish; cups() seems to block");
            }
            if (saw[0]) {
                continue;
            }
            long ranAfter = cpuAtRestock < 0 ? 0 : cpuAtEnd[0] - cpuAtRestock;
            if (ranAfter >= SURE_NOT_SEEN.toNanos()) {
                fail("a customer thread waited in a loop until cups() showed a cup; another thread called restock(1) "
                        + "and it returned, yet the waiting thread then ran for %d ms of its own CPU time and kept "
                        + "seeing 0 cups (trial %d). Look at cups(): what makes a thread that only reads the stock see a "
                        + "change made by another thread? Read about visibility and happens-before in the Java memory "
                        + "model.", ranAfter / 1_000_000, trials);
            }
            starved++;
        }
        if (starved > 0 && starved == trials) {
            Assumptions.abort(("inconclusive: the machine was too busy: in %d trials the waiting thread never got %d ms "
                    + "of CPU time after a restock").formatted(trials, SURE_NOT_SEEN.toMillis()));
        }
    }

    private static boolean waitForACup(ChaiStock stock, long deadline) {
        while (System.nanoTime() < deadline) {
            if (stock.cups() > 0) {
                return true;
            }
        }
        return false;
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
