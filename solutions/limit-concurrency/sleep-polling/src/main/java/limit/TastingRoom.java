package limit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts free seats in an AtomicInteger and, when none is free, sleeps 1 ms and looks again: polling, not waiting. */
public class TastingRoom {

    private final AtomicInteger free;

    public TastingRoom(int seats) {
        if (seats < 1) {
            throw new IllegalArgumentException("a tasting room needs at least 1 seat, was " + seats);
        }
        this.free = new AtomicInteger(seats);
    }

    public <T> T taste(Callable<T> tasting) throws Exception {
        while (!grab()) {
            Thread.sleep(1);
        }
        try {
            return tasting.call();
        } finally {
            free.incrementAndGet();
        }
    }

    public <T> Optional<T> tryTaste(Callable<T> tasting, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!grab()) {
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            Thread.sleep(1);
        }
        try {
            return Optional.of(tasting.call());
        } finally {
            free.incrementAndGet();
        }
    }

    public int freeSeats() {
        return free.get();
    }

    private boolean grab() {
        int now = free.get();
        return now > 0 && free.compareAndSet(now, now - 1);
    }
}
