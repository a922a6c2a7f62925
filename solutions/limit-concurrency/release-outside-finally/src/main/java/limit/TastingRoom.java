package limit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A fair Semaphore, but release() is a plain statement after the tasting: a tasting that throws keeps its seat for ever. */
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
        T value = tasting.call();
        seats.release();
        return value;
    }

    public <T> Optional<T> tryTaste(Callable<T> tasting, Duration patience) throws Exception {
        if (!seats.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        T value = tasting.call();
        seats.release();
        return Optional.of(value);
    }

    public int freeSeats() {
        return seats.availablePermits();
    }
}
