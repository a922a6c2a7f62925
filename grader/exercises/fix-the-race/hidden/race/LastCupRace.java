package race;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static race.RaceCrew.count;

/**
 * Rounds in which the crew races for the last cup of one stock after another: every member keeps trying to buy
 * the cup of the current stock, and the buyer moves everyone on to the next stock of 1 cup.
 */
final class LastCupRace {

    private static final int PATIENCE = 1_000_000;

    private final int stocks;
    private final int members;

    LastCupRace(int stocks, int members) {
        this.stocks = stocks;
        this.members = members;
    }

    RaceCrew.Round round(int number) {
        ChaiStock[] shelf = new ChaiStock[stocks];
        for (int i = 0; i < stocks; i++) {
            shelf[i] = new ChaiStock(1);
        }
        int[][] bought = new int[members][stocks];
        AtomicInteger current = new AtomicInteger();
        AtomicInteger givenUpAt = new AtomicInteger(stocks - 1);
        return new RaceCrew.Round() {
            @Override
            public void play(int member) {
                int[] mine = bought[member];
                int tries = 0;
                for (int i = current.get(); i < stocks; ) {
                    if (shelf[i].sell(1)) {
                        mine[i]++;
                        current.compareAndSet(i, i + 1);
                        RaceCrew.pause();
                    } else if (++tries == PATIENCE) {
                        givenUpAt.accumulateAndGet(i, Math::min);
                        current.set(stocks);
                    }
                    int next = current.get();
                    if (next != i) {
                        tries = 0;
                        i = next;
                    }
                }
            }

            @Override
            public String defect() {
                for (int i = 0; i <= givenUpAt.get(); i++) {
                    int buyers = 0;
                    for (int[] b : bought) {
                        buyers += b[i];
                    }
                    String found = judge(buyers, shelf[i].cups());
                    if (found != null) {
                        return found + " (stock %s of the %s stocks of this round)".formatted(count(i + 1),
                                count(stocks));
                    }
                }
                return null;
            }
        };
    }

    private String judge(int buyers, long shown) {
        if (buyers > 1) {
            return ("oversold a last cup: %d threads kept calling sell(1) on the same stock of 1 cup, and %d of "
                    + "those calls returned true; that stock now shows %s").formatted(members, buyers, count(shown));
        }
        if (buyers == 0) {
            return ("nobody got the last cup: a thread called sell(1) %s times in a row on a stock of 1 cup, and "
                    + "every call returned false").formatted(count(PATIENCE));
        }
        return shown == 0 ? null
                : "one thread bought the last cup, yet the stock shows %s instead of 0".formatted(count(shown));
    }
}
