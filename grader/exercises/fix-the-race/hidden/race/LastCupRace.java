package race;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import static race.RaceCrew.count;

/**
 * Rounds in which every crew member tries to buy the last cup of each of many stocks of 1 cup; while the crew
 * races on one shelf of stocks, each member checks and refills its share of the shelf raced on before.
 */
final class LastCupRace {

    private final int stocks;
    private final int members;
    private final ChaiStock[][] shelves = new ChaiStock[2][];
    private final boolean[][][] bought;
    private final AtomicReference<String> defect = new AtomicReference<>();

    LastCupRace(int stocks, int members) {
        this.stocks = stocks;
        this.members = members;
        this.bought = new boolean[2][members][stocks];
        for (int shelf = 0; shelf < 2; shelf++) {
            shelves[shelf] = new ChaiStock[stocks];
            for (int i = 0; i < stocks; i++) {
                shelves[shelf][i] = new ChaiStock(1);
            }
        }
    }

    RaceCrew.Round round(int number) {
        int raced = number % 2;
        int refilled = 1 - raced;
        return new RaceCrew.Round() {
            @Override
            public void play(int member) {
                race(shelves[raced], bought[raced][member]);
                if (number > 1) {
                    checkAndRefill(refilled, member);
                }
            }

            @Override
            public String defect() {
                return defect.get();
            }
        };
    }

    private void race(ChaiStock[] shelf, boolean[] mine) {
        if (ThreadLocalRandom.current().nextBoolean()) {
            for (int i = 0; i < stocks; i++) {
                mine[i] = shelf[i].sell(1);
            }
        } else {
            for (int i = stocks - 1; i >= 0; i--) {
                mine[i] = shelf[i].sell(1);
            }
        }
    }

    private void checkAndRefill(int shelf, int member) {
        int from = (int) ((long) stocks * member / members);
        int to = (int) ((long) stocks * (member + 1) / members);
        for (int i = from; i < to; i++) {
            int buyers = 0;
            for (boolean[] b : bought[shelf]) {
                buyers += b[i] ? 1 : 0;
                b[i] = false;
            }
            String found = judge(buyers, shelves[shelf][i].cups());
            if (found != null) {
                defect.compareAndSet(null, found);
            }
            shelves[shelf][i] = new ChaiStock(1);
        }
    }

    private String judge(int buyers, long shown) {
        if (buyers > 1) {
            return ("oversold a last cup: %d threads each called sell(1) once on the same stock of 1 cup, and %d of "
                    + "them got true; that stock now shows %s").formatted(members, buyers, count(shown));
        }
        if (buyers == 0) {
            return ("nobody got the last cup: %d threads each called sell(1) once on the same stock of 1 cup, and "
                    + "all of them got false").formatted(members);
        }
        return shown == 0 ? null
                : "one thread bought the last cup, yet the stock shows %s instead of 0".formatted(count(shown));
    }
}
