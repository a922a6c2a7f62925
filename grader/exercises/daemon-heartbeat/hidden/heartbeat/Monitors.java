package heartbeat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

/**
 * The threads a TeaMonitor started and what the JVM says about them, and a log that records every line with the thread
 * that logged it and a sequence number. Waits are judged by thread states and by the order of events, never by how long
 * something took; a thread the machine did not run makes a check inconclusive, not failed.
 */
final class Monitors {

    /** Wall time after which a thread that neither moved nor waited was starved by the machine: inconclusive. */
    static final Duration STARVED_CAP = Duration.ofSeconds(15);
    /** Generous bound for close() and for a thread to end once it has nothing left to do. */
    static final Duration BOUND = Duration.ofSeconds(5);
    /** A thread seen waiting in every look over this window (and at least 10 looks) is waiting for good. */
    static final Duration WAIT_WINDOW = Duration.ofMillis(300);

    static final AtomicLong SEQUENCE = new AtomicLong();

    /** One logged line: what, by which thread, and when in the order of the test's events. */
    record Line(String text, Thread thread, long seq) {
    }

    /** The log a monitor writes to. */
    static final class Log implements java.util.function.Consumer<String> {
        private final List<Line> lines = new ArrayList<>();

        @Override
        public synchronized void accept(String text) {
            lines.add(new Line(text, Thread.currentThread(), SEQUENCE.incrementAndGet()));
        }

        synchronized int size() {
            return lines.size();
        }

        synchronized List<Line> lines() {
            return List.copyOf(lines);
        }

        synchronized List<Line> after(long seq) {
            return lines.stream().filter(l -> l.seq > seq).toList();
        }
    }

    private Monitors() {
    }

    static Set<Thread> threadsNow() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** The live threads that were not there in {@code before}, except {@code mine}. */
    static List<Thread> startedSince(Set<Thread> before, Thread... mine) {
        Set<Thread> exclude = Set.of(mine);
        return threadsNow().stream().filter(t -> !before.contains(t) && !exclude.contains(t) && t.isAlive())
                .sorted(java.util.Comparator.comparing(Thread::getName)).toList();
    }

    /** Waits until {@code condition} holds; aborts as inconclusive when the machine does not get there in time. */
    static void await(BooleanSupplier condition, String what) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start >= STARVED_CAP.toNanos()) {
                Assumptions.abort("inconclusive: the machine is too busy: in %d s %s did not happen"
                        .formatted(STARVED_CAP.toSeconds(), what));
            }
            sleepQuietly(1);
        }
    }

    /** True when {@code condition} holds within {@code bound}. */
    static boolean within(Duration bound, BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start >= bound.toNanos()) {
                return condition.getAsBoolean();
            }
            sleepQuietly(1);
        }
        return true;
    }

    /** Runs {@code action} on a daemon thread of its own, named {@code name}, and returns that thread started. */
    static Thread run(String name, Runnable action) {
        Thread t = Thread.ofPlatform().daemon().name(name).unstarted(action);
        t.start();
        return t;
    }

    /** "thread 'tea-monitor' is TIMED_WAITING in Thread.sleep at TeaMonitor.java:31", one clause per thread. */
    static String describe(List<Thread> threads) {
        return threads.isEmpty() ? "no thread" : threads.stream().map(Monitors::describe).collect(Collectors.joining("; "));
    }

    static String describe(Thread t) {
        if (!t.isAlive()) {
            return "thread '" + t.getName() + "' has ended";
        }
        return "thread '" + t.getName() + "' (" + (t.isDaemon() ? "daemon" : "non-daemon") + ") is " + t.getState()
                + " " + excerpt(t.getStackTrace());
    }

    /** The top frame and the frames of TeaMonitor's code, innermost first. */
    static String excerpt(StackTraceElement[] stack) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < stack.length && frames.size() < 6; i++) {
            StackTraceElement f = stack[i];
            boolean student = student(f.getClassName());
            if (i == 0 || student) {
                String simple = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1);
                String at = student && f.getLineNumber() > 0 ? " at TeaMonitor.java:" + f.getLineNumber() : "";
                frames.add((i == 0 ? "in " : "called from ") + simple + "." + f.getMethodName() + at);
            }
        }
        return frames.isEmpty() ? "(no stack)" : String.join(", ", frames);
    }

    /** True when the thread is running TeaMonitor's code now. */
    static boolean inMonitor(Thread t) {
        for (StackTraceElement f : t.getStackTrace()) {
            if (student(f.getClassName())) {
                return true;
            }
        }
        return false;
    }

    static boolean student(String className) {
        return className.equals("heartbeat.TeaMonitor") || className.startsWith("heartbeat.TeaMonitor$");
    }

    /** True when {@code t} is seen WAITING or TIMED_WAITING in every look over {@link #WAIT_WINDOW}. */
    static boolean waitingForGood(Thread t) {
        long start = System.nanoTime();
        int looks = 0;
        while (System.nanoTime() - start < WAIT_WINDOW.toNanos() || looks < 10) {
            Thread.State s = t.getState();
            if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
                return false;
            }
            looks++;
            sleepQuietly(20);
        }
        return true;
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts the threads a wrong monitor left behind, so they do not sleep or wait through the rest of the run. */
    static void cleanUp(List<Thread> left) {
        for (Thread t : left) {
            if (t.isAlive()) {
                t.interrupt();
            }
        }
    }
}
