package race;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import static org.assertj.core.api.Assertions.fail;
import static race.RaceCrew.count;

/** Hidden checks that ChaiStock keeps its promises while several threads use it at once. */
@Isolated
@DisplayName("ChaiStock shared by several threads")
class ChaiStockHiddenTest {

    private static final Duration BUDGET = Duration.ofMillis(300);
    private static final Duration VISIBILITY_BUDGET = Duration.ofMillis(300);
    private static final Duration RESTOCK_DELAY = Duration.ofMillis(15);
    private static final Duration CUSTOMER_PATIENCE = Duration.ofMillis(1_000);
    private static final Duration SURE_NOT_SEEN = Duration.ofMillis(500);
    private static final Duration VISIBILITY_CAP = Duration.ofSeconds(3);

    @Test
    @Tag("task:1")
    @DisplayName("No restock is lost when several baristas restock single cups at the same time")
    void noRestockIsLost() {
        int perBarista = 50_000;
        long expected = (long) RaceCrew.SIZE * perBarista;
        RaceCrew.play(BUDGET, 5, round -> new RaceCrew.Round() {
            final ChaiStock stock = new ChaiStock(0);

            @Override
            public void play(int member) {
                for (int i = 0; i < perBarista; i++) {
                    stock.restock(1);
                    RaceCrew.between();
                }
            }

            @Override
            public String defect() {
                long shown = stock.cups();
                if (shown == expected) {
                    return null;
                }
                String lost = shown < expected
                        ? "lost %s of %s restocks".formatted(count(expected - shown), count(expected))
                        : "counted %s cups that nobody restocked".formatted(count(shown - expected));
                return "%s: %d threads each restocked %s single cups into an empty stock, the stock shows %s"
                        .formatted(lost, RaceCrew.SIZE, count(perBarista), count(shown));
            }
        }).assertNoDefect("Look at how restock changes the count: can two threads read the same old value, "
                + "and each write back that value plus one?");
    }

    @Test
    @Tag("task:2")
    @DisplayName("No cup is oversold while several cashiers keep selling the only cup and restocking it")
    void noCupIsOversold() {
        int attempts = 20_000;
        RaceCrew.play(BUDGET, 5, round -> new RaceCrew.Round() {
            final ChaiStock stock = new ChaiStock(1);
            final AtomicInteger inHand = new AtomicInteger();
            final AtomicReference<String> problem = new AtomicReference<>();

            @Override
            public void play(int member) {
                for (int i = 0; i < attempts && problem.get() == null; i++) {
                    if (stock.sell(1)) {
                        int holding = inHand.incrementAndGet();
                        if (holding > 1) {
                            problem.compareAndSet(null, ("oversold: %d cashiers had sold the shop's only cup at the "
                                    + "same time (each of their sell(1) calls returned true)").formatted(holding));
                        }
                        long shown = stock.cups();
                        if (shown != 0) {
                            problem.compareAndSet(null, ("while a cashier held the shop's only cup, cups() showed %s "
                                    + "instead of 0").formatted(count(shown)));
                        }
                        inHand.decrementAndGet();
                        stock.restock(1);
                    }
                }
            }

            @Override
            public String defect() {
                if (problem.get() != null) {
                    return problem.get();
                }
                long shown = stock.cups();
                return shown == 1 ? null
                        : ("%d cashiers kept selling the shop's only cup and restocking it right after, yet the stock "
                                + "ended with %s cups instead of 1").formatted(RaceCrew.SIZE, count(shown));
            }
        }).assertNoDefect("Look at sell: between checking that a cup is there and taking it, "
                + "can another thread take the same cup?");
    }

    @Test
    @Tag("task:2")
    @DisplayName("Each last cup is sold exactly once when several customers try to buy it at the same instant")
    void lastCupIsSoldOnce() {
        LastCupRace race = new LastCupRace(2_048, RaceCrew.SIZE);
        RaceCrew.play(BUDGET, 20, race::round).assertNoDefect("Look at sell: between checking that a cup is there "
                + "and taking it, can another thread take the same cup?");
    }

    @Test
    @Tag("task:3")
    @DisplayName("The books balance when baristas restock while cashiers sell")
    void booksBalanceUnderRestockAndSell() {
        int moves = 25_000;
        int cashiers = RaceCrew.SIZE / 2;
        int baristas = RaceCrew.SIZE - cashiers;
        long initial = (long) cashiers * moves;
        long restocked = (long) baristas * moves;
        RaceCrew.play(BUDGET, 5, round -> new RaceCrew.Round() {
            final ChaiStock stock = new ChaiStock(initial);
            final AtomicLong sold = new AtomicLong();

            @Override
            public void play(int member) {
                if (member % 2 == 0) {
                    for (int i = 0; i < moves; i++) {
                        stock.restock(1);
                        RaceCrew.between();
                    }
                } else {
                    long s = 0;
                    for (int i = 0; i < moves; i++) {
                        if (stock.sell(1)) {
                            s++;
                        }
                        RaceCrew.between();
                    }
                    sold.addAndGet(s);
                }
            }

            @Override
            public String defect() {
                long shown = stock.cups();
                long owed = initial + restocked - sold.get();
                if (sold.get() == initial && shown == owed) {
                    return null;
                }
                String books = ("the stock started with %s cups, %d baristas restocked %s single cups and %d cashiers "
                        + "sold %s (sell(1) returned true %s times out of %s)").formatted(count(initial), baristas,
                        count(restocked), cashiers, count(sold.get()), count(sold.get()), count(initial));
                if (shown != owed) {
                    return "the books do not balance: %s, so %s cups should remain, but the stock shows %s"
                            .formatted(books, count(owed), count(shown));
                }
                return "a sale was refused although the stock never ran out: %s".formatted(books);
            }
        }).assertNoDefect("Look at what keeps a restock and a sale apart: can one thread restock while another "
                + "sells, both starting from the same old count?");
    }

    @Test
    @Tag("task:3")
    @DisplayName("A customer waiting for chai sees the cup another thread restocked")
    void waitingCustomerSeesTheRestock() throws InterruptedException {
        long start = System.nanoTime();
        int trials = 0;
        while (trials < 8 || elapsedSince(start).compareTo(VISIBILITY_BUDGET) < 0) {
            if (elapsedSince(start).compareTo(VISIBILITY_CAP) > 0) {
                return;
            }
            trials++;
            ChaiStock stock = new ChaiStock(0);
            boolean[] saw = new boolean[1];
            long deadline = System.nanoTime() + CUSTOMER_PATIENCE.toNanos();
            Thread customer = Thread.ofPlatform().name("waiting-customer").daemon()
                    .start(() -> saw[0] = waitForACup(stock, deadline));
            Thread.sleep(RESTOCK_DELAY);
            stock.restock(1);
            long restocked = System.nanoTime();
            if (!customer.join(CUSTOMER_PATIENCE.plusSeconds(10))) {
                fail("the waiting customer thread did not finish; cups() seems to block");
            }
            if (!saw[0] && deadline - restocked >= SURE_NOT_SEEN.toNanos()) {
                fail("a customer thread waited in a loop until cups() showed a cup; another thread called restock(1) "
                        + "and it returned, yet for %s ms after that the waiting thread kept seeing 0 cups (trial %d). "
                        + "Look at cups(): what makes a thread that only reads the stock see a change made by "
                        + "another thread? Read about visibility and happens-before in the Java memory model.",
                        SURE_NOT_SEEN.toMillis(), trials);
            }
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
