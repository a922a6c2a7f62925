package limit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A tasting room on a fair ReentrantLock and one Condition with a ticket queue; awaitNanos gives tryTaste its patience.
 * The lock guards the seat count and the queue, never the tasting.
 */
public class TastingRoom {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Thread> queue = new ArrayDeque<>();
    private int free;

    public TastingRoom(int seats) {
        if (seats < 1) {
            throw new IllegalArgumentException("a tasting room needs at least 1 seat, was " + seats);
        }
        this.free = seats;
    }

    public <T> T taste(Callable<T> tasting) throws Exception {
        lock.lockInterruptibly();
        try {
            queue.addLast(Thread.currentThread());
            try {
                while (queue.peekFirst() != Thread.currentThread() || free == 0) {
                    changed.await();
                }
                free--;
            } finally {
                queue.remove(Thread.currentThread());
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        try {
            return tasting.call();
        } finally {
            standUp();
        }
    }

    public <T> Optional<T> tryTaste(Callable<T> tasting, Duration patience) throws Exception {
        long left = patience.toNanos();
        lock.lockInterruptibly();
        try {
            queue.addLast(Thread.currentThread());
            try {
                while (queue.peekFirst() != Thread.currentThread() || free == 0) {
                    if (left <= 0) {
                        return Optional.empty();
                    }
                    left = changed.awaitNanos(left);
                }
                free--;
            } finally {
                queue.remove(Thread.currentThread());
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        try {
            return Optional.of(tasting.call());
        } finally {
            standUp();
        }
    }

    public int freeSeats() {
        lock.lock();
        try {
            return free;
        } finally {
            lock.unlock();
        }
    }

    private void standUp() {
        lock.lock();
        try {
            free++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
