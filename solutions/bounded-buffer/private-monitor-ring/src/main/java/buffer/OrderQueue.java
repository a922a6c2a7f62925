package buffer;

/** A bounded queue in a ring of slots, guarded by a private lock object's monitor, with wait/notifyAll on it. */
public class OrderQueue<T> {

    private final Object lock = new Object();
    private final Object[] slots;
    private int head;
    private int count;
    private boolean closed;

    public OrderQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.slots = new Object[capacity];
    }

    public void put(T order) throws InterruptedException {
        if (order == null) {
            throw new NullPointerException("order must not be null");
        }
        synchronized (lock) {
            while (!closed && count == slots.length) {
                lock.wait();
            }
            if (closed) {
                throw new IllegalStateException("the queue is closed");
            }
            slots[(head + count) % slots.length] = order;
            count++;
            lock.notifyAll();
        }
    }

    @SuppressWarnings("unchecked")
    public T take() throws InterruptedException {
        synchronized (lock) {
            while (count == 0 && !closed) {
                lock.wait();
            }
            if (count == 0) {
                return null;
            }
            T order = (T) slots[head];
            slots[head] = null;
            head = (head + 1) % slots.length;
            count--;
            lock.notifyAll();
            return order;
        }
    }

    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    public int size() {
        synchronized (lock) {
            return count;
        }
    }
}
