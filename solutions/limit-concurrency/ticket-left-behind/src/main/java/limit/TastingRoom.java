package limit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A monitor with a ticket queue, but only a seated guest takes its ticket out: a guest who runs out of patience (or
 * is interrupted) leaves its ticket at the front of the queue, and everyone behind it waits for ever.
 */
public class TastingRoom {

    private final Object lock = new Object();
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private int free;

    public TastingRoom(int seats) {
        if (seats < 1) {
            throw new IllegalArgumentException("a tasting room needs at least 1 seat, was " + seats);
        }
        this.free = seats;
    }

    public <T> T taste(Callable<T> tasting) throws Exception {
        sitDown(Long.MAX_VALUE, false);
        try {
            return tasting.call();
        } finally {
            standUp();
        }
    }

    public <T> Optional<T> tryTaste(Callable<T> tasting, Duration patience) throws Exception {
        if (!sitDown(patience.toNanos(), true)) {
            return Optional.empty();
        }
        try {
            return Optional.of(tasting.call());
        } finally {
            standUp();
        }
    }

    public int freeSeats() {
        synchronized (lock) {
            return free;
        }
    }

    /** Waits for a seat, with a deadline when {@code timed}; true once seated, false when the patience ran out. */
    private boolean sitDown(long patienceNanos, boolean timed) throws InterruptedException {
        Object ticket = new Object();
        synchronized (lock) {
            queue.addLast(ticket);
            long deadline = System.nanoTime() + patienceNanos;
            while (queue.peekFirst() != ticket || free == 0) {
                if (!timed) {
                    lock.wait();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000), 0);
            }
            queue.removeFirst();
            free--;
            lock.notifyAll();
            return true;
        }
    }

    private void standUp() {
        synchronized (lock) {
            free++;
            lock.notifyAll();
        }
    }
}
