package hotlock;

import java.util.HashMap;
import java.util.Map;

/** Wrong: the receipt is formatted outside the lock, but every count still goes through the one monitor of the book. */
public class OrderBook {

    private final Map<String, Long> counts = new HashMap<>();
    private long orderNumber;
    private volatile String lastReceipt = "";

    public void record(String drink) {
        if (drink == null) {
            throw new NullPointerException("drink");
        }
        long count;
        long number;
        synchronized (this) {
            count = counts.merge(drink, 1L, Long::sum);
            number = ++orderNumber;
        }
        lastReceipt = String.format("order %06d: %-12s (%,d of this drink so far)%n", number, drink, count);
    }

    public synchronized long count(String drink) {
        return counts.getOrDefault(drink, 0L);
    }

    public synchronized Map<String, Long> totals() {
        return new HashMap<>(counts);
    }
}
