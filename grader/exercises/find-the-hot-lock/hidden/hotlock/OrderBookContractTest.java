package hotlock;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hidden checks of OrderBook's single-threaded contract. */
@DisplayName("OrderBook's contract")
class OrderBookContractTest {

    @Test
    @Tag("task:4")
    @DisplayName("count and totals count each drink; an unknown drink counts 0; record(null) throws NullPointerException")
    void keepsTheContract() {
        OrderBook book = new OrderBook();
        assertThat(book.count("masala")).as("count(\"masala\") of a new book").isZero();
        assertThat(book.totals()).as("totals() of a new book").isEmpty();
        book.record("masala");
        book.record("masala");
        book.record("ginger");
        assertThat(book.count("masala")).as("count(\"masala\") after two orders of it").isEqualTo(2);
        assertThat(book.count("ginger")).as("count(\"ginger\") after one").isEqualTo(1);
        assertThat(book.count("lemon")).as("count(\"lemon\"), never ordered").isZero();
        assertThat(book.totals()).as("totals()").isEqualTo(Map.of("masala", 2L, "ginger", 1L));
        assertThatThrownBy(() -> book.record(null)).as("record(null)").isInstanceOf(NullPointerException.class);
        assertThat(book.totals()).as("totals() after record(null) threw").isEqualTo(Map.of("masala", 2L, "ginger", 1L));
    }

    @Test
    @Tag("task:4")
    @DisplayName("totals() is a copy: changing it, or recording more, does not change a map already returned")
    void totalsIsACopy() {
        OrderBook book = new OrderBook();
        book.record("masala");
        Map<String, Long> totals = book.totals();
        try {
            totals.put("masala", 100L);
            totals.put("ginger", 7L);
        } catch (UnsupportedOperationException unmodifiable) {
            // an unmodifiable copy is a copy too
        }
        assertThat(book.count("masala")).as("count(\"masala\") after the caller changed the map totals() returned")
                .isEqualTo(1);
        assertThat(book.count("ginger")).as("count(\"ginger\") after the caller put it in that map").isZero();
        Map<String, Long> before = book.totals();
        book.record("masala");
        book.record("lemon");
        assertThat(before).as("a map totals() returned, after two more orders were recorded")
                .isEqualTo(Map.of("masala", 1L));
    }
}
