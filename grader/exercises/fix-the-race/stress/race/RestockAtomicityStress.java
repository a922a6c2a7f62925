package race;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

/** Two baristas each restock one cup into an empty stock at the same time; both cups must be counted. */
@JCStressTest
@Outcome(id = "2", expect = Expect.ACCEPTABLE, desc = "Both restocks counted: the stock shows 2 cups.")
@Outcome(id = "1", expect = Expect.FORBIDDEN,
        desc = "Lost update: two restocks, one counted. Both threads read 0 and each wrote back 0 + 1.")
@Outcome(expect = Expect.FORBIDDEN, desc = "The stock shows a count that two restocks of one cup cannot produce.")
@State
public class RestockAtomicityStress {

    private final ChaiStock stock = new ChaiStock(0);

    @Actor
    public void barista1() {
        stock.restock(1);
    }

    @Actor
    public void barista2() {
        stock.restock(1);
    }

    @Arbiter
    public void count(J_Result r) {
        r.r1 = stock.cups();
    }
}
