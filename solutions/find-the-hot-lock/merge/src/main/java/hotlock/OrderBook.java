package hotlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** The chai shop's order book: ConcurrentHashMap.merge adds one atomically; the receipt is formatted outside any lock. */
public class OrderBook {

    private final ConcurrentMap<String, Long> counts = new ConcurrentHashMap<>();
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
        return new HashMap<>(counts);
    }
}
