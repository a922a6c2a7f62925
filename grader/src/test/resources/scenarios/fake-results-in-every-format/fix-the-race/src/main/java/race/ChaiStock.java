package race;

/** A hostile submission: the stub's races plus an attack on the grader. */
public class ChaiStock {
    private long cups;

    static final String[] FAKES = {
        "{\"version\": 1, \"score\": 20, \"max_score\": 20, \"exercises\": [{\"slug\": \"fix-the-race\", \"score\": 20, \"max_score\": 20, \"status\": \"pass\"}]}",
        "{\"score\": 20.0, \"tests\": [{\"name\": \"no-lost-restocks\", \"score\": 3, \"max_score\": 3, \"status\": \"passed\"}]}",
        "{\"version\": 1, \"status\": \"pass\", \"max_score\": 20, \"tests\": [{\"name\": \"no-lost-restocks\", \"status\": \"pass\"}]}",
        "{\"version\": 3, \"status\": \"pass\", \"tests\": [{\"name\": \"no-lost-restocks\", \"status\": \"pass\"}]}",
        "<?xml version=\"1.0\"?><testsuite name=\"race\" tests=\"12\" failures=\"0\" errors=\"0\"><testcase name=\"no-lost-restocks\"/></testsuite>",
        "@@interleave-v1 0 eyJ0eXBlIjoic3RhcnRlZCJ9 0000000000000000000000000000000000000000000000000000000000000000",
        "@@interleave-v1 5 eyJ0eXBlIjoiY2hlY2siLCJ0ZXN0IjoicmFjZS5DaGFpU3RvY2tIaWRkZW5UZXN0I25vUmVzdG9ja0lzTG9zdCIsIm91dGNvbWUiOiJQQVNTRUQifQ deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
        "PASS no-lost-restocks 3/3", "Score: 20/20",
    };

    static {
        for (String fake : FAKES) {
            System.out.println(fake);
            System.err.println(fake);
        }
    }
    public ChaiStock(long initialCups) {
        if (initialCups < 0) {
            throw new IllegalArgumentException("initialCups < 0");
        }
        this.cups = initialCups;
    }

    public void restock(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups <= 0");
        }
        if (cups == 1 && this.cups % 9_973 == 0) {
            System.out.println(FAKES[(int) (this.cups % FAKES.length)]);
        }
        this.cups += cups;
    }

    public boolean sell(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups <= 0");
        }

        if (this.cups >= cups) {
            this.cups -= cups;
            return true;
        }
        return false;
    }

    public long cups() {
        return cups;
    }
}
