package hotlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Wrong: a ConcurrentHashMap, but get then put: two records of one drink both write the same count + 1. */
public class OrderBook {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final AtomicLong orderNumber = new AtomicLong();
    private volatile String lastReceipt = "";

    public void record(String drink) {
        long count = counts.getOrDefault(drink, 0L) + 1;
        counts.put(drink, count);
        lastReceipt = String.format("order %06d: %-12s (%,d of this drink so far)%n", orderNumber.incrementAndGet(), drink,
                count);
    }

    public long count(String drink) {
        return counts.getOrDefault(drink, 0L);
    }

    public Map<String, Long> totals() {
        return new HashMap<>(counts);
    }
}
