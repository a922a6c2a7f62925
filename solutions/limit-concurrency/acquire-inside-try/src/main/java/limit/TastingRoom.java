package limit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A fair Semaphore, but acquire() inside the try: a guest interrupted while it waits releases a seat it never had. */
public class TastingRoom {

    private final Semaphore seats;

    public TastingRoom(int seats) {
        if (seats < 1) {
            throw new IllegalArgumentException("a tasting room needs at least 1 seat, was " + seats);
        }
        this.seats = new Semaphore(seats, true);
    }

    public <T> T taste(Callable<T> tasting) throws Exception {
        try {
            seats.acquire();
            return tasting.call();
        } finally {
            seats.release();
        }
    }

    public <T> Optional<T> tryTaste(Callable<T> tasting, Duration patience) throws Exception {
        if (!seats.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS)) {
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
