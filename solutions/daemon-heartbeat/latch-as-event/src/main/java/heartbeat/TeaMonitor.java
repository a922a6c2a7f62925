package heartbeat;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Reference answer with a CountDownLatch as the Event: the monitor waits for it with await(every), close() counts it down and joins the thread. */
public class TeaMonitor implements AutoCloseable {

    private final Thermometer thermometer;
    private final Duration every;
    private final Consumer<String> log;
    private final CountDownLatch stop = new CountDownLatch(1);
    private Thread thread;

    public TeaMonitor(Thermometer thermometer, Duration every, Consumer<String> log) {
        if (every.isNegative()) {
            throw new IllegalArgumentException("every must not be negative: " + every);
        }
        this.thermometer = thermometer;
        this.every = every;
        this.log = log;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the monitor has already been started");
        }
        thread = Thread.ofPlatform().daemon().name("tea-monitor").start(this::watch);
    }

    private void watch() {
        try {
            do {
                try {
                    log.accept(String.format(Locale.ROOT, "tea at %.1f C", thermometer.celsius()));
                } catch (RuntimeException e) {
                    log.accept("thermometer failed: " + e.getMessage());
                }
            } while (!stop.await(every.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            // interrupted: stop watching
        }
    }

    public synchronized boolean running() {
        return thread != null && stop.getCount() > 0;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            stop.countDown();
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
