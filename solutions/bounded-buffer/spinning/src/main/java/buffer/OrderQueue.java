package buffer;

import java.util.ArrayDeque;

/** A bounded queue whose put and take spin: they look again and again, never parked, until the queue changes. */
public class OrderQueue<T> {

    private final ArrayDeque<T> orders = new ArrayDeque<>();
    private final int capacity;
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
        while (true) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the queue is closed");
                }
                if (orders.size() < capacity) {
                    orders.addLast(order);
                    return;
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        }
    }

    public T take() throws InterruptedException {
        while (true) {
            synchronized (this) {
                if (!orders.isEmpty() || closed) {
                    return orders.pollFirst();
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        }
    }

    public synchronized void close() {
        closed = true;
    }

    public synchronized int size() {
        return orders.size();
    }
}
