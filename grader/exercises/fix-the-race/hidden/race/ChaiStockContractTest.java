package race;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hidden checks that ChaiStock still keeps the single-threaded promises of its contract. */
@DisplayName("ChaiStock used by one thread")
class ChaiStockContractTest {

    @Test
    @Tag("task:4")
    @DisplayName("Restock adds cups and sell takes them only when there are enough")
    void sellsOnlyWhatIsInStock() {
        ChaiStock stock = new ChaiStock(5);
        assertThat(stock.cups()).as("cups() of a new ChaiStock(5)").isEqualTo(5);

        stock.restock(3);
        assertThat(stock.cups()).as("cups() after restock(3) on a stock of 5").isEqualTo(8);

        assertThat(stock.sell(9)).as("sell(9) with 8 cups in stock must return false").isFalse();
        assertThat(stock.cups()).as("cups() after a refused sell(9) must still be 8").isEqualTo(8);

        assertThat(stock.sell(8)).as("sell(8) with exactly 8 cups in stock must return true").isTrue();
        assertThat(stock.cups()).as("cups() after selling all 8 cups").isZero();

        assertThat(stock.sell(1)).as("sell(1) from an empty stock must return false").isFalse();
        assertThat(stock.cups()).as("cups() after a refused sale from an empty stock").isZero();

        ChaiStock big = new ChaiStock(Long.MAX_VALUE - 1);
        assertThat(big.sell(Long.MAX_VALUE)).as("sell(Long.MAX_VALUE) with one cup fewer in stock").isFalse();
        assertThat(big.sell(Long.MAX_VALUE - 1)).as("sell(Long.MAX_VALUE - 1) with exactly that many in stock")
                .isTrue();
        assertThat(big.cups()).as("cups() after selling the whole large stock").isZero();
    }

    @Test
    @Tag("task:4")
    @DisplayName("Bad arguments are refused with IllegalArgumentException and leave the stock as it was")
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new ChaiStock(-1)).as("new ChaiStock(-1)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChaiStock(Long.MIN_VALUE)).as("new ChaiStock(Long.MIN_VALUE)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ChaiStock(0).cups()).as("a new ChaiStock(0) is allowed and holds 0 cups").isZero();

        ChaiStock stock = new ChaiStock(4);
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            assertThatThrownBy(() -> stock.restock(bad)).as("restock(%d)", bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> stock.sell(bad)).as("sell(%d)", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(stock.cups()).as("cups() after refused calls with bad arguments on a stock of 4").isEqualTo(4);
    }
}
