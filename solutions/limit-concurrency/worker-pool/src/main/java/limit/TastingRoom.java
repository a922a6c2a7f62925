package limit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pool of as many worker threads as seats tastes for the guests: it limits how many tastings run at once, but a
 * tasting runs on a worker, not the guest's thread, and goes on (or starts later) for a guest who was interrupted.
 */
public class TastingRoom {

    private final ExecutorService workers;
    private final int seats;

    public TastingRoom(int seats) {
        if (seats < 1) {
            throw new IllegalArgumentException("a tasting room needs at least 1 seat, was " + seats);
        }
        this.seats = seats;
        this.workers = Executors.newFixedThreadPool(seats, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
    }

    public <T> T taste(Callable<T> tasting) throws Exception {
        return unwrap(workers.submit(tasting), Long.MAX_VALUE);
    }

    public <T> Optional<T> tryTaste(Callable<T> tasting, Duration patience) throws Exception {
        Future<T> future = workers.submit(tasting);
        try {
            return Optional.of(unwrap(future, patience.toNanos()));
        } catch (TimeoutException e) {
            future.cancel(false);
            return Optional.empty();
        }
    }

    public int freeSeats() {
        return seats - ((java.util.concurrent.ThreadPoolExecutor) workers).getActiveCount();
    }

    private static <T> T unwrap(Future<T> future, long nanos) throws Exception {
        try {
            return future.get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }
}
