package buffer;

import java.util.ArrayDeque;

/** A bounded queue on the queue's own monitor: every wait in a while loop, but put() throws on an interrupt after it has added the order. */
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

    public synchronized void put(T order) throws InterruptedException {
        if (order == null) {
            throw new NullPointerException("order must not be null");
        }
        while (!closed && orders.size() == capacity) {
            wait();
        }
        if (closed) {
            throw new IllegalStateException("the queue is closed");
        }
        orders.addLast(order);
        notifyAll();
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while putting");
        }
    }

    public synchronized T take() throws InterruptedException {
        while (orders.isEmpty() && !closed) {
            wait();
        }
        T order = orders.pollFirst();
        if (order != null) {
            notifyAll();
        }
        return order;
    }

    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    public synchronized int size() {
        return orders.size();
    }
}
