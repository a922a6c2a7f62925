package hotlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The chai shop's order book: one LongAdder per drink, created once by computeIfAbsent; the receipt is formatted outside any lock. */
public class OrderBook {

    private final ConcurrentMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicLong orderNumber = new AtomicLong();
    private volatile String lastReceipt = "";

    public void record(String drink) {
        if (drink == null) {
            throw new NullPointerException("drink");
        }
        LongAdder adder = counts.get(drink);
        if (adder == null) {
            adder = counts.computeIfAbsent(drink, d -> new LongAdder());
        }
        adder.increment();
        lastReceipt = String.format("order %06d: %-12s (%,d of this drink so far)%n", orderNumber.incrementAndGet(), drink,
                adder.sum());
    }

    public long count(String drink) {
        LongAdder adder = counts.get(drink);
        return adder == null ? 0 : adder.sum();
    }

    public Map<String, Long> totals() {
        Map<String, Long> copy = new HashMap<>();
        counts.forEach((drink, adder) -> copy.put(drink, adder.sum()));
        return copy;
    }
}
