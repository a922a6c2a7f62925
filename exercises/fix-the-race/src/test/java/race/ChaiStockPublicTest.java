package race;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Public tests of ChaiStock: its single-threaded contract, and races that a thread-safe stock must survive. */
@DisplayName("ChaiStock")
class ChaiStockPublicTest {

    private static final int MIN_ROUNDS = 5;
    private static final Duration KEEP_TRYING = Duration.ofSeconds(1);
    private static final int CUPS_PER_THREAD = 100_000;

    @Test
    @Tag("task:4")
    @DisplayName("A new stock holds the cups it was given, and restock adds cups")
    void restockAddsCups() {
        ChaiStock stock = new ChaiStock(5);
        assertThat(stock.cups()).as("cups() of a new ChaiStock(5)").isEqualTo(5);

        stock.restock(3);

        assertThat(stock.cups()).as("cups() after restock(3) on a stock of 5").isEqualTo(8);
    }

    @Test
    @Tag("task:4")
    @DisplayName("Sell takes cups when there are enough, and refuses without changing the stock when there are too few")
    void sellTakesOnlyWhatIsThere() {
        ChaiStock stock = new ChaiStock(3);

        assertThat(stock.sell(4)).as("sell(4) with 3 cups in stock").isFalse();
        assertThat(stock.cups()).as("cups() after a refused sell(4)").isEqualTo(3);
        assertThat(stock.sell(3)).as("sell(3) with 3 cups in stock").isTrue();
        assertThat(stock.cups()).as("cups() after selling all 3 cups").isZero();
        assertThat(stock.sell(1)).as("sell(1) from an empty stock").isFalse();
    }

    @Test
    @Tag("task:4")
    @DisplayName("A negative stock, and restocking or selling zero or fewer cups, throw IllegalArgumentException")
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new ChaiStock(-1)).isInstanceOf(IllegalArgumentException.class);
        ChaiStock stock = new ChaiStock(2);
        assertThatThrownBy(() -> stock.restock(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stock.restock(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stock.sell(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stock.sell(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stock.cups()).as("cups() after the refused calls").isEqualTo(2);
    }

    @Test
    @Tag("task:1")
    @DisplayName("Four baristas restocking 50,000 single cups each at the same time end with 200,000 cups")
    void fourBaristasLoseNoRestock() {
        int perBarista = 50_000;
        repeatRounds(round -> {
            ChaiStock stock = new ChaiStock(0);
            Runnable barista = () -> restockOneByOne(stock, perBarista);

            runTogether(barista, barista, barista, barista);

            assertThat(stock.cups())
                    .as(describe("round %d: cups() after 4 threads each called restock(1) %,d times. If it is lower, "
                            + "restocks were lost: can two threads read the same old count?", round, perBarista))
                    .isEqualTo(4L * perBarista);
        });
    }

    @Test
    @Tag("task:2")
    @DisplayName("Two cashiers selling single cups from a stock of 100,000 sell exactly 100,000 and leave 0")
    void twoCashiersNeverOversell() {
        repeatRounds(round -> {
            ChaiStock stock = new ChaiStock(CUPS_PER_THREAD);
            AtomicLong sold = new AtomicLong();

            runTogether(
                    () -> sold.addAndGet(sellOneByOne(stock, CUPS_PER_THREAD)),
                    () -> sold.addAndGet(sellOneByOne(stock, CUPS_PER_THREAD)));

            assertThat(sold.get())
                    .as(describe("round %d: how many of 2 x %,d sell(1) calls returned true on a stock of %,d. "
                            + "If it is more, the same cup was sold twice: can another thread take a cup between "
                            + "the check and the sale?", round, CUPS_PER_THREAD, CUPS_PER_THREAD))
                    .isEqualTo(CUPS_PER_THREAD);
            assertThat(stock.cups()).as(describe("round %d: cups() after selling everything", round)).isZero();
        });
    }

    @Test
    @Tag("task:3")
    @DisplayName("Restocking 100,000 cups while selling 100,000 from a stock of 100,000 leaves 100,000")
    void restockingWhileSellingBalances() {
        repeatRounds(round -> {
            ChaiStock stock = new ChaiStock(CUPS_PER_THREAD);
            AtomicLong sold = new AtomicLong();

            runTogether(
                    () -> restockOneByOne(stock, CUPS_PER_THREAD),
                    () -> sold.set(sellOneByOne(stock, CUPS_PER_THREAD)));

            assertThat(sold.get())
                    .as(describe("round %d: how many of %,d sell(1) calls returned true; the stock never ran low",
                            round, CUPS_PER_THREAD))
                    .isEqualTo(CUPS_PER_THREAD);
            assertThat(stock.cups())
                    .as(describe("round %d: cups() after %,d restocks and %,d sales on a stock of %,d. If it is wrong, "
                            + "a restock and a sale overlapped: what keeps them apart?", round, CUPS_PER_THREAD,
                            CUPS_PER_THREAD, CUPS_PER_THREAD))
                    .isEqualTo(CUPS_PER_THREAD);
        });
    }

    /** Plays rounds until one fails, for at least a few rounds and about a second: a race may take a while to show. */
    private static void repeatRounds(IntConsumer round) {
        long end = System.nanoTime() + KEEP_TRYING.toNanos();
        for (int r = 1; r <= MIN_ROUNDS || System.nanoTime() < end; r++) {
            round.accept(r);
        }
    }

    private static String describe(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Restocks one cup at a time; the fence keeps the JIT compiler from merging the calls into one addition. */
    private static void restockOneByOne(ChaiStock stock, int cups) {
        for (int i = 0; i < cups; i++) {
            stock.restock(1);
            VarHandle.fullFence();
        }
    }

    /** Sells one cup at a time; the fence keeps the JIT compiler from merging the calls into one. */
    private static long sellOneByOne(ChaiStock stock, int attempts) {
        long sold = 0;
        for (int i = 0; i < attempts; i++) {
            if (stock.sell(1)) {
                sold++;
            }
            VarHandle.fullFence();
        }
        return sold;
    }

    private static void runTogether(Runnable... jobs) {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (Runnable job : jobs) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    job.run();
                } catch (Throwable t) {
                    synchronized (errors) {
                        errors.add(t);
                    }
                }
            }));
        }
        start.countDown();
        for (Thread t : threads) {
            try {
                if (!t.join(Duration.ofSeconds(30))) {
                    fail("%s did not finish within 30 s: is it waiting for a lock that is never released?",
                            t.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for %s", t.getName());
            }
        }
        synchronized (errors) {
            assertThat(errors).as("exceptions thrown by the threads").isEmpty();
        }
    }
}
