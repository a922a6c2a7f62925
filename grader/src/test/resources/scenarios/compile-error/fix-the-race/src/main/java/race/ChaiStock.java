package race;

public class ChaiStock {
    private long cups;

    public ChaiStock(long initialCups) {
        this.cups = initialCups
    }

    public void restock(long cups) { this.cups += cups; }
    public boolean sell(long cups) { return false; }
    public long cups() { return cups; }
}
