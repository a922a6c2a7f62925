package heartbeat;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/** Logs the tea's temperature from a background thread, every {@code every}, until it is closed. */
public class TeaMonitor implements AutoCloseable {

    private final Thermometer thermometer;
    private final Duration every;
    private final Consumer<String> log;
    private boolean stopped;
    private Thread thread;

    public TeaMonitor(Thermometer thermometer, Duration every, Consumer<String> log) {
        if (every.isNegative()) {
            throw new IllegalArgumentException("every must not be negative: " + every);
        }
        this.thermometer = thermometer;
        this.every = every;
        this.log = log;
    }

    public void start() {
        if (thread != null) {
            throw new IllegalStateException("the monitor has already been started");
        }
        thread = new Thread(this::watch, "tea-monitor");
        thread.start();
    }

    private void watch() {
        while (!stopped) {
            log.accept(String.format(Locale.ROOT, "tea at %.1f C", thermometer.celsius()));
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                // keep watching
            }
        }
    }

    public boolean running() {
        return thread != null && !stopped;
    }

    @Override
    public void close() {
        stopped = true;
    }
}
