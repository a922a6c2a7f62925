package race;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZJ_Result;

/** A barista restocks one cup while a customer buys one from a stock of one cup; one cup must remain. */
@JCStressTest
@Outcome(id = "true, 1", expect = Expect.ACCEPTABLE, desc = "One cup sold, one restocked: 1 cup left.")
@Outcome(id = "true, 2", expect = Expect.FORBIDDEN,
        desc = "Lost sale: the restock wrote back a count read before the sale, so a sold cup is back in stock.")
@Outcome(id = "true, 0", expect = Expect.FORBIDDEN,
        desc = "Lost restock: the sale wrote back a count read before the restock, so the new cup vanished.")
@Outcome(id = {"false, 1", "false, 2"}, expect = Expect.FORBIDDEN,
        desc = "The sale was refused although at least 1 cup was in stock the whole time.")
@Outcome(expect = Expect.FORBIDDEN, desc = "The sale and the stock that is left do not add up to 1 + 1 - 1 cups.")
@State
public class RestockWhileSellingStress {

    private final ChaiStock stock = new ChaiStock(1);

    @Actor
    public void barista() {
        stock.restock(1);
    }

    @Actor
    public void customer(ZJ_Result r) {
        r.r1 = stock.sell(1);
    }

    @Arbiter
    public void count(ZJ_Result r) {
        r.r2 = stock.cups();
    }
}
