package race;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZJ_Result;

/** Two customers try to buy the last cup at the same time; exactly one of them may get it. */
@JCStressTest
@Outcome(id = {"true, false, 0", "false, true, 0"}, expect = Expect.ACCEPTABLE,
        desc = "One customer got the last cup, the other was told there is none left, and the stock shows 0.")
@Outcome(id = "true, true, 0", expect = Expect.FORBIDDEN,
        desc = "Oversold: the last cup was sold twice. Both customers saw 1 cup before either took it.")
@Outcome(id = "true, true, -1", expect = Expect.FORBIDDEN,
        desc = "Oversold: the last cup was sold twice, and the stock went below zero.")
@Outcome(id = "false, false, 1", expect = Expect.FORBIDDEN,
        desc = "Nobody got the last cup, although it was in stock the whole time.")
@Outcome(expect = Expect.FORBIDDEN, desc = "The sales and the stock that is left do not add up to the 1 cup there was.")
@State
public class LastCupStress {

    private final ChaiStock stock = new ChaiStock(1);

    @Actor
    public void customer1(ZZJ_Result r) {
        r.r1 = stock.sell(1);
    }

    @Actor
    public void customer2(ZZJ_Result r) {
        r.r2 = stock.sell(1);
    }

    @Arbiter
    public void count(ZZJ_Result r) {
        r.r3 = stock.cups();
    }
}
