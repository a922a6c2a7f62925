package hotlock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Public tests of OrderBook: its single-threaded contract, and four baristas recording different drinks at once. */
@DisplayName("OrderBook")
class OrderBookPublicTest {

    @Test
    @Tag("task:4")
    @DisplayName("count and totals count each drink, an unknown drink counts 0, and record(null) throws NullPointerException")
    void countsEachDrink() {
        OrderBook book = new OrderBook();
        book.record("masala");
        book.record("masala");
        book.record("ginger");
        assertThat(book.count("masala")).isEqualTo(2);
        assertThat(book.count("lemon")).as("count of a drink never ordered").isZero();
        assertThat(book.totals()).isEqualTo(Map.of("masala", 2L, "ginger", 1L));
        assertThatThrownBy(() -> book.record(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @Tag("task:2")
    @DisplayName("Four baristas recording four different drinks at once count every order and never wait for each other")
    void differentDrinksDoNotWait() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        OrderBook book = new OrderBook();
        List<String> drinks = List.of("ginger", "masala", "mint", "tulsi");
        drinks.forEach(book::record);
        CyclicBarrier start = new CyclicBarrier(drinks.size() + 1);
        CyclicBarrier end = new CyclicBarrier(drinks.size() + 1);
        CountDownLatch leave = new CountDownLatch(1);
        List<Thread> baristas = new ArrayList<>();
        for (String drink : drinks) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 100_000; i++) {
                        book.record(drink);
                    }
                    end.await();
                    leave.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "barista-" + drink);
            baristas.add(t);
            t.start();
        }
        start.await();
        long[] ids = baristas.stream().mapToLong(Thread::threadId).toArray();
        long before = 0;
        for (ThreadInfo info : mx.getThreadInfo(ids)) {
            before += info.getBlockedCount() + info.getWaitedCount();
        }
        end.await();
        long after = 0;
        for (ThreadInfo info : mx.getThreadInfo(ids)) {
            after += info.getBlockedCount() + info.getWaitedCount();
        }
        leave.countDown();
        for (Thread t : baristas) {
            t.join();
        }
        for (String drink : drinks) {
            assertThat(book.count(drink)).as("count(\"%s\")", drink).isEqualTo(100_001);
        }
        assertThat(after - before)
                .as("times the baristas, each recording a different drink, were blocked on a lock or waited for one "
                        + "(the end barrier adds a few of its own)")
                .isLessThanOrEqualTo(2L * drinks.size());
    }
}
