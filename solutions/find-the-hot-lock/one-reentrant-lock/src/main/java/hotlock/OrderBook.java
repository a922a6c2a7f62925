package hotlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** Wrong: synchronized swapped for one ReentrantLock around everything, the receipt included. */
public class OrderBook {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Long> counts = new HashMap<>();
    private long orderNumber;
    private String lastReceipt = "";

    public void record(String drink) {
        if (drink == null) {
            throw new NullPointerException("drink");
        }
        lock.lock();
        try {
            long count = counts.merge(drink, 1L, Long::sum);
            orderNumber++;
            lastReceipt = String.format("order %06d: %-12s (%,d of this drink so far)%n", orderNumber, drink, count);
        } finally {
            lock.unlock();
        }
    }

    public long count(String drink) {
        lock.lock();
        try {
            return counts.getOrDefault(drink, 0L);
        } finally {
            lock.unlock();
        }
    }

    public Map<String, Long> totals() {
        lock.lock();
        try {
            return new HashMap<>(counts);
        } finally {
            lock.unlock();
        }
    }
}
