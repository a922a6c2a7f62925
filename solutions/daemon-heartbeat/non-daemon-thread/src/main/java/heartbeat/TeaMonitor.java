package heartbeat;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/** Wrong: a non-daemon thread, which keeps the JVM alive when nobody closes the monitor. */
public class TeaMonitor implements AutoCloseable {

    private final Thermometer thermometer;
    private final Duration every;
    private final Consumer<String> log;
    private volatile boolean stopped;
    private volatile Thread thread;

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
        Thread t = new Thread(this::watch, "tea-monitor");
        t.setDaemon(false);
        thread = t;
        t.start();
    }

    private void watch() {
        while (!stopped) {
            try {
                log.accept(String.format(Locale.ROOT, "tea at %.1f C", thermometer.celsius()));
            } catch (RuntimeException e) {
                log.accept("thermometer failed: " + e.getMessage());
            }
            if (!every.isZero()) {
                    try {
                        Thread.sleep(every);
                    } catch (InterruptedException e) {
                        return;
                    }
            }
        }
    }

    public boolean running() {
        return thread != null && !stopped;
    }

    @Override
    public void close() {
        stopped = true;
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        t.interrupt();
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
