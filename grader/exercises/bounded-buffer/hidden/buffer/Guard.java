package buffer;

import java.lang.management.LockInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock an OrderQueue waits on, found from a thread parked in it (the monitor of the queue or of one of its fields,
 * or the ReentrantLock that owns the Condition it awaits), so that a scene can hold it while it calls put or take:
 * the calls then run one step at a time in the order the scene chooses, whatever the machine's scheduler does.
 */
final class Guard {

    private final Object monitor;
    private final Lock lock;
    private final String name;

    private Guard(Object monitor, Lock lock, String name) {
        this.monitor = monitor;
        this.lock = lock;
        this.name = name;
    }

    /** The guard of {@code queue} that {@code parked} waits on, or null when the scene cannot reach it. */
    static Guard of(Object queue, Parties.Party parked) {
        var info = parked.info();
        LockInfo waitsOn = info == null ? null : info.getLockInfo();
        if (waitsOn == null) {
            return null;
        }
        int hash = waitsOn.getIdentityHashCode();
        if (System.identityHashCode(queue) == hash) {
            return new Guard(queue, null, "the queue's own monitor (synchronized on this)");
        }
        List<Object> values = fieldValues(queue);
        for (Object value : values) {
            if (System.identityHashCode(value) != hash) {
                continue;
            }
            if (value instanceof Condition condition) {
                for (Object candidate : values) {
                    if (candidate instanceof ReentrantLock owner && owns(owner, condition)) {
                        return new Guard(null, owner, "the ReentrantLock of its Condition");
                    }
                }
                return null;
            }
            return new Guard(value, null, "the monitor of its field of type " + value.getClass().getSimpleName());
        }
        if (waitsOn.getClassName().contains("ConditionObject")) {
            List<ReentrantLock> locks = values.stream().filter(ReentrantLock.class::isInstance)
                    .map(ReentrantLock.class::cast).toList();
            if (locks.size() == 1) {
                return new Guard(null, locks.get(0), "its ReentrantLock");
            }
        }
        return null;
    }

    /** Runs {@code body} while holding the guard, the way the queue's own methods hold it. */
    <T> T hold(Callable<T> body) throws Exception {
        if (lock != null) {
            lock.lock();
            try {
                return body.call();
            } finally {
                lock.unlock();
            }
        }
        synchronized (monitor) {
            return body.call();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static boolean owns(ReentrantLock lock, Condition condition) {
        lock.lock();
        try {
            lock.hasWaiters(condition);
            return true;
        } catch (IllegalArgumentException notItsCondition) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    private static List<Object> fieldValues(Object queue) {
        List<Object> values = new ArrayList<>();
        for (Class<?> c = queue.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    Object v = f.get(Modifier.isStatic(f.getModifiers()) ? null : queue);
                    if (v != null) {
                        values.add(v);
                    }
                } catch (ReflectiveOperationException | RuntimeException unreadable) {
                    // a field the scene cannot read cannot be the guard it holds
                }
            }
        }
        return values;
    }
}
