package limit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/** A fair Semaphore, but tryTaste uses tryAcquire() without the patience: it looks once and gives up at once. */
public class TastingRoom {

    private final Semaphore seats;

    public TastingRoom(int seats) {
        if (seats < 1) {
            throw new IllegalArgumentException("a tasting room needs at least 1 seat, was " + seats);
        }
        this.seats = new Semaphore(seats, true);
    }

    public <T> T taste(Callable<T> tasting) throws Exception {
        seats.acquire();
        try {
            return tasting.call();
        } finally {
            seats.release();
        }
    }

    public <T> Optional<T> tryTaste(Callable<T> tasting, Duration patience) throws Exception {
        if (!seats.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return Optional.of(tasting.call());
        } finally {
            seats.release();
        }
    }

    public int freeSeats() {
        return seats.availablePermits();
    }
}
