package buffer;

import java.util.ArrayDeque;

/** Once closed, take() returns null at once, although orders are still queued. */
public class OrderQueue<T> {
    private final ArrayDeque<T> q = new ArrayDeque<>();
    private final int cap;
    private boolean closed;

    public OrderQueue(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity");
        cap = capacity;
    }

    public synchronized void put(T order) throws InterruptedException {
        if (order == null) throw new NullPointerException();
        while (!closed && q.size() == cap) wait();
        if (closed) throw new IllegalStateException("closed");
        q.addLast(order);
        notifyAll();
    }

    public synchronized T take() throws InterruptedException {
        while (q.isEmpty() && !closed) wait();
        if (closed) return null;
        T t = q.pollFirst();
        notifyAll();
        return t;
    }

    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    public synchronized int size() {
        return q.size();
    }
}
