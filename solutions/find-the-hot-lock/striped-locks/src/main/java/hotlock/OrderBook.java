package hotlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The chai shop's order book: 16 stripes, each a plain HashMap guarded by its own lock; the receipt is formatted outside. */
public class OrderBook {

    private static final int STRIPES = 16;

    private final Object[] locks = new Object[STRIPES];
    @SuppressWarnings("unchecked")
    private final Map<String, Long>[] stripes = new Map[STRIPES];
    private final AtomicLong orderNumber = new AtomicLong();
    private volatile String lastReceipt = "";

    public OrderBook() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
            stripes[i] = new HashMap<>();
        }
    }

    private static int stripe(String drink) {
        int h = drink.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    public void record(String drink) {
        int s = stripe(drink);
        long count;
        synchronized (locks[s]) {
            count = stripes[s].merge(drink, 1L, Long::sum);
        }
        lastReceipt = String.format("order %06d: %-12s (%,d of this drink so far)%n", orderNumber.incrementAndGet(), drink,
                count);
    }

    public long count(String drink) {
        int s = stripe(drink);
        synchronized (locks[s]) {
            return stripes[s].getOrDefault(drink, 0L);
        }
    }

    public Map<String, Long> totals() {
        Map<String, Long> copy = new HashMap<>();
        for (int s = 0; s < STRIPES; s++) {
            synchronized (locks[s]) {
                copy.putAll(stripes[s]);
            }
        }
        return copy;
    }
}
