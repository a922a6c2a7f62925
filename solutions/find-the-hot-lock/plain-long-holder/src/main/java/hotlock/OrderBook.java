package hotlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** Wrong: one mutable holder per drink, created atomically, but its plain long is incremented with ++. */
public class OrderBook {

    private static final class Count {
        long value;
    }

    private final ConcurrentMap<String, Count> counts = new ConcurrentHashMap<>();
    private final AtomicLong orderNumber = new AtomicLong();
    private volatile String lastReceipt = "";

    public void record(String drink) {
        Count c = counts.computeIfAbsent(drink, d -> new Count());
        long count = ++c.value;
        lastReceipt = String.format("order %06d: %-12s (%,d of this drink so far)%n", orderNumber.incrementAndGet(), drink,
                count);
    }

    public long count(String drink) {
        Count c = counts.get(drink);
        return c == null ? 0 : c.value;
    }

    public Map<String, Long> totals() {
        Map<String, Long> copy = new HashMap<>();
        counts.forEach((drink, c) -> copy.put(drink, c.value));
        return copy;
    }
}
