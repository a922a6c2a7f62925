package hotlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Hidden checks of OrderBook under a rush: exact counts, and which locks the baristas wait for. */
@DisplayName("OrderBook under a rush")
class OrderBookHiddenTest {

    /** CPU the baristas of one rush may use between them before a check concludes nothing was wrong. */
    private static final long RUSH_CPU_NANOS = 800_000_000L;
    /** CPU the counting rounds may use between them before the counts are taken as exact. */
    private static final long COUNT_CPU_NANOS = 1_000_000_000L;
    private static final int COUNT_THREADS = 4;
    private static final int COUNT_RECORDS = 20_000;

    @Test
    @Tag("task:1")
    @DisplayName("Four baristas recording the same two drinks at once: every order is counted")
    void countsAreExact() throws Exception {
        List<String> drinks = List.of("masala", "ginger");
        long cpuUsed = 0;
        int round = 0;
        while (cpuUsed < COUNT_CPU_NANOS) {
            round++;
            OrderBook book = new OrderBook();
            CyclicBarrier start = new CyclicBarrier(COUNT_THREADS);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong roundCpu = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < COUNT_THREADS; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < COUNT_RECORDS; i++) {
                            book.record(drinks.get(i % drinks.size()));
                        }
                        roundCpu.addAndGet(Rush.THREADS.getCurrentThreadCpuTime());
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "barista-" + t);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            cpuUsed += Math.max(roundCpu.get(), 1_000_000L);
            if (failure.get() != null) {
                fail("record threw while %d baristas recorded at once: %s", COUNT_THREADS, failure.get(), failure.get());
            }
            long each = (long) COUNT_THREADS * COUNT_RECORDS / drinks.size();
            for (String drink : drinks) {
                long counted = book.count(drink);
                if (counted != each) {
                    fail("Lost orders: %d baristas each recorded %d orders, half of them \"%s\", so the book should count "
                            + "%,d \"%s\", but count(\"%s\") says %,d (%,d lost, in round %d of the rush). Two records of "
                            + "one drink read the same old count and both wrote count + 1. Look at how record reads and "
                            + "writes a drink's count: is that one atomic step, or a read and a separate write (get then "
                            + "put, or ++ on a shared holder)?", COUNT_THREADS, COUNT_RECORDS, drink, each, drink, drink,
                            counted, each - counted, round);
                }
                assertThat(book.totals().get(drink)).as("totals().get(\"%s\") after the rush", drink).isEqualTo(each);
            }
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("Baristas recording different drinks never wait for a lock that guards the whole book")
    void differentDrinksNeverWaitForOneLock() throws Exception {
        OrderBook book = warmedUp();
        List<List<String>> drinks = Rush.OWN_BUCKET_DRINKS.stream().map(List::of).toList();
        Rush.Seen seen = Rush.run(book, drinks, RUSH_CPU_NANOS,
                waits -> waits.stream().map(Rush.Wait::lock).distinct().anyMatch(l -> around(waits, l) >= 3));
        failOnError(seen);
        String lock = seen.widestLock();
        if (lock != null && seen.drinksAround(lock).size() >= 3) {
            Rush.Wait example = seen.exampleOn(lock);
            fail("%d baristas, each recording a different drink (%s), waited for one and the same lock, %s: blocked on a "
                    + "monitor %,d times and parked or waited %,d times in all (%s). That lock guards the whole book, so "
                    + "every record waits for every other. For example %s waited for it while %s held it%s. Orders of "
                    + "different drinks have nothing to share: look at which lock record takes and what it guards.",
                    drinks.size(), String.join(", ", seen.drinksAround(lock)), lock, seen.blockedTotal(),
                    seen.waitedTotal(), counts(seen), example.waiter(), example.owner(),
                    example.ownerAt() == null ? "" : ", " + example.ownerAt());
        }
    }

    @Test
    @Tag("task:3")
    @DisplayName("No barista waits for a lock whose holder is formatting a receipt")
    void noLockHeldWhileFormatting() throws Exception {
        OrderBook book = warmedUp();
        List<List<String>> drinks = Rush.OWN_BUCKET_DRINKS.stream().map(List::of).toList();
        Rush.Seen seen = Rush.run(book, drinks, RUSH_CPU_NANOS,
                waits -> waits.stream().filter(Rush.Wait::ownerFormatting).count() >= 3);
        failOnError(seen);
        Rush.Wait w = seen.formattingHolder();
        if (w != null) {
            long times = seen.waits().stream().filter(Rush.Wait::ownerFormatting).count();
            fail("%s waited for %s while its holder, %s, was formatting a receipt, %s (seen %d times in %d looks at "
                    + "waiting baristas; %,d monitor blocks and %,d parks or waits in all: %s). The receipt is the slow "
                    + "part of record and needs no lock: which lock is still held while it is formatted?",
                    w.waiter(), w.lock(), w.owner(), w.ownerAt(), times, seen.waits().size(), seen.blockedTotal(),
                    seen.waitedTotal(), counts(seen));
        }
    }

    private static OrderBook warmedUp() {
        OrderBook book = new OrderBook();
        for (int i = 0; i < 2_000; i++) {
            for (String drink : Rush.OWN_BUCKET_DRINKS) {
                book.record(drink);
            }
        }
        return book;
    }

    private static int around(List<Rush.Wait> waits, String lock) {
        java.util.Set<String> drinks = new java.util.HashSet<>();
        for (Rush.Wait w : waits) {
            if (w.lock().equals(lock)) {
                drinks.add(w.drink());
                if (w.ownerDrink() != null) {
                    drinks.add(w.ownerDrink());
                }
            }
        }
        return drinks.size();
    }

    private static void failOnError(Rush.Seen seen) {
        if (seen.failure() != null) {
            fail("record threw while baristas recorded different drinks at once: %s", seen.failure(), seen.failure());
        }
    }

    private static String counts(Rush.Seen seen) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : seen.blocked().entrySet()) {
            parts.add(e.getKey() + " " + e.getValue() + "/" + seen.waited().get(e.getKey()));
        }
        return "blocked/waited per barista: " + String.join(", ", parts);
    }
}
