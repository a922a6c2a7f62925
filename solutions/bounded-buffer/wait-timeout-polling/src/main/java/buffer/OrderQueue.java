package buffer;

import java.util.ArrayDeque;

/** A bounded queue on the queue's own monitor: every wait a wait(10) in a while loop that wakes to look again, every change wakes all waiters. */
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
            wait(10);
        }
        if (closed) {
            throw new IllegalStateException("the queue is closed");
        }
        orders.addLast(order);
        notifyAll();
    }

    public synchronized T take() throws InterruptedException {
        while (orders.isEmpty() && !closed) {
            wait(10);
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
