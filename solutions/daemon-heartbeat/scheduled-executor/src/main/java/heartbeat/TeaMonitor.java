package heartbeat;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Reference answer: a single-thread ScheduledExecutorService with a daemon thread factory, shut down with shutdownNow and awaitTermination in close(). */
public class TeaMonitor implements AutoCloseable {

    private final Thermometer thermometer;
    private final Duration every;
    private final Consumer<String> log;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    public TeaMonitor(Thermometer thermometer, Duration every, Consumer<String> log) {
        if (every.isNegative()) {
            throw new IllegalArgumentException("every must not be negative: " + every);
        }
        this.thermometer = thermometer;
        this.every = every;
        this.log = log;
    }

    public synchronized void start() {
        if (executor != null) {
            throw new IllegalStateException("the monitor has already been started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "tea-monitor");
            t.setDaemon(true);
            return t;
        });
        running = true;
        executor.scheduleWithFixedDelay(this::readOnce, 0, Math.max(1, every.toNanos()), TimeUnit.NANOSECONDS);
    }

    private void readOnce() {
        try {
            log.accept(String.format(Locale.ROOT, "tea at %.1f C", thermometer.celsius()));
        } catch (RuntimeException e) {
            log.accept("thermometer failed: " + e.getMessage());
        }
    }

    public boolean running() {
        return running;
    }

    @Override
    public void close() {
        ScheduledExecutorService e;
        synchronized (this) {
            running = false;
            e = executor;
        }
        if (e == null) {
            return;
        }
        e.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (e.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException ie) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
