package hotlock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Wrong: counts as the merge answer does, but totals() hands out the live map, which callers can change. */
public class OrderBook {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final AtomicLong orderNumber = new AtomicLong();
    private volatile String lastReceipt = "";

    public void record(String drink) {
        long count = counts.merge(drink, 1L, Long::sum);
        lastReceipt = String.format("order %06d: %-12s (%,d of this drink so far)%n", orderNumber.incrementAndGet(), drink,
                count);
    }

    public long count(String drink) {
        return counts.getOrDefault(drink, 0L);
    }

    public Map<String, Long> totals() {
        return counts;
    }
}
