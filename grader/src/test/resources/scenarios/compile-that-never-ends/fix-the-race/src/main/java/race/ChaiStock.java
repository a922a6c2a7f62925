package race;

import java.util.List;

/** A hostile submission: the stub's races plus an attack on the grader. */
public class ChaiStock {
    private long cups;
    /*
     * Twenty nested conditionals, each around a generic call: javac infers every level's type again for each
     * branch of the level around it, so the work grows about five times per level (12 levels take a minute,
     * 20 would take months).
     */
    private static <T> T id(T value) {
        return value;
    }

    static final Object DEEP = (Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id((Boolean.TRUE ? id(1) : List.of(0))) : List.of(1))) : List.of(2))) : List.of(3))) : List.of(4))) : List.of(5))) : List.of(6))) : List.of(7))) : List.of(8))) : List.of(9))) : List.of(10))) : List.of(11))) : List.of(12))) : List.of(13))) : List.of(14))) : List.of(15))) : List.of(16))) : List.of(17))) : List.of(18))) : List.of(19));


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
