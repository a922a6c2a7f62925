package race;

import java.util.concurrent.locks.ReentrantLock;

/** The chai shop's stock of cups, guarded by one private lock that every method takes. */
public class ChaiStock {

    private final ReentrantLock lock = new ReentrantLock();
    private long cups;

    public ChaiStock(long initialCups) {
        if (initialCups < 0) {
            throw new IllegalArgumentException("initialCups must not be negative, was " + initialCups);
        }
        this.cups = initialCups;
    }

    public void restock(long cups) {
        requirePositive(cups);
        lock.lock();
        try {
            this.cups += cups;
        } finally {
            lock.unlock();
        }
    }

    public boolean sell(long cups) {
        requirePositive(cups);
        lock.lock();
        try {
            if (this.cups >= cups) {
                this.cups -= cups;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    public long cups() {
        lock.lock();
        try {
            return cups;
        } finally {
            lock.unlock();
        }
    }

    private static void requirePositive(long cups) {
        if (cups <= 0) {
            throw new IllegalArgumentException("cups must be positive, was " + cups);
        }
    }
}
