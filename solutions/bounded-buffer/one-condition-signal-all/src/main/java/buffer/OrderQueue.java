package buffer;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A bounded queue on a ReentrantLock with a single Condition for every reason to wait, so every change signals all. */
public class OrderQueue<T> {

    private final ArrayDeque<T> orders = new ArrayDeque<>();
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean closed;

    public OrderQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public void put(T order) throws InterruptedException {
        if (order == null) {
            throw new NullPointerException("order must not be null");
        }
        lock.lock();
        try {
            while (!closed && orders.size() == capacity) {
                changed.await();
            }
            if (closed) {
                throw new IllegalStateException("the queue is closed");
            }
            orders.addLast(order);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public T take() throws InterruptedException {
        lock.lock();
        try {
            while (orders.isEmpty() && !closed) {
                changed.await();
            }
            T order = orders.pollFirst();
            changed.signalAll();
            return order;
        } finally {
            lock.unlock();
        }
    }

    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return orders.size();
        } finally {
            lock.unlock();
        }
    }
}
