package buffer;

import java.util.ArrayDeque;

/**
 * A bounded queue of chai orders between the counter (producers) and the kitchen (consumers): put waits while the
 * queue is full, take waits while it is empty, and close() tells everyone that no more orders are coming.
 */
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

    /** Adds an order at the tail, waiting while the queue is full. */
    public synchronized void put(T order) throws InterruptedException {
        if (order == null) {
            throw new NullPointerException("order must not be null");
        }
        if (closed) {
            throw new IllegalStateException("the queue is closed");
        }
        if (orders.size() == capacity) {
            wait();
        }
        if (closed) {
            throw new IllegalStateException("the queue was closed while put waited");
        }
        orders.addLast(order);
        notify();
    }

    /** Removes the order at the head, waiting while the queue is empty and open; null once closed and empty. */
    public synchronized T take() throws InterruptedException {
        if (orders.isEmpty() && !closed) {
            wait();
        }
        T order = orders.pollFirst();
        notify();
        return order;
    }

    /** No more orders may be put; wakes the threads that wait. */
    public synchronized void close() {
        closed = true;
        notify();
    }

    public synchronized int size() {
        return orders.size();
    }
}
