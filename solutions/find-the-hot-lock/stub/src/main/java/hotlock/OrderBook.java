package hotlock;

import java.util.HashMap;
import java.util.Map;

/** The chai shop's order book: how many orders of each drink were recorded, and the receipt line of the last order. */
public class OrderBook {

    private final Map<String, Long> counts = new HashMap<>();
    private long orderNumber;
    private String lastReceipt = "";

    /** Records one more order of {@code drink}; a null drink throws NullPointerException. */
    public synchronized void record(String drink) {
        if (drink == null) {
            throw new NullPointerException("drink");
        }
        long count = counts.getOrDefault(drink, 0L) + 1;
        counts.put(drink, count);
        orderNumber++;
        lastReceipt = String.format("order %06d: %-12s (%,d of this drink so far)%n", orderNumber, drink, count);
    }

    /** The orders of {@code drink} recorded so far; 0 for a drink never ordered. */
    public synchronized long count(String drink) {
        return counts.getOrDefault(drink, 0L);
    }

    /** A copy of every drink's count. */
    public synchronized Map<String, Long> totals() {
        return new HashMap<>(counts);
    }
}
