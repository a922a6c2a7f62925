package race;

import org.jetbrains.lincheck.datastructures.Operation;

/**
 * The calls of ChaiStock as the model checker sees them: it runs a scenario of these calls on two threads in every
 * interleaving it explores, and accepts only results that the same calls, made one at a time in some order that
 * keeps each thread's own order, could give.
 */
public class StockOperations {

    private final ChaiStock stock = new ChaiStock(0);

    @Operation
    public void restock(long cups) {
        stock.restock(cups);
    }

    @Operation
    public boolean sell(long cups) {
        return stock.sell(cups);
    }

    @Operation
    public long cups() {
        return stock.cups();
    }
}
