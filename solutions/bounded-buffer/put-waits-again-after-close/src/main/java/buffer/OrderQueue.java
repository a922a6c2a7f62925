package buffer;

import java.util.ArrayDeque;

/** A put waiting on a full queue is woken by close() but goes back to waiting (the loop ignores closed). */
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
        if (closed) throw new IllegalStateException("closed");
        while (q.size() == cap) wait();
        q.addLast(order);
        notifyAll();
    }

    public synchronized T take() throws InterruptedException {
        while (q.isEmpty() && !closed) wait();
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
