package buffer;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Two Conditions, but take() signals notEmpty (other consumers) instead of notFull (the producers waiting for room). */
public class OrderQueue<T> {

    private final ArrayDeque<T> orders = new ArrayDeque<>();
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
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
        lock.lockInterruptibly();
        try {
            while (!closed && orders.size() == capacity) {
                notFull.await();
            }
            if (closed) {
                throw new IllegalStateException("the queue is closed");
            }
            orders.addLast(order);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    public T take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (orders.isEmpty() && !closed) {
                notEmpty.await();
            }
            T order = orders.pollFirst();
            if (order != null) {
                notEmpty.signal();
            }
            return order;
        } finally {
            lock.unlock();
        }
    }

    public void close() {
        lock.lock();
        try {
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
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
