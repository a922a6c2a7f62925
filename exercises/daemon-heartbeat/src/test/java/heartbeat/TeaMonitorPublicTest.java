package heartbeat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Public tests of TeaMonitor: its log line, its arguments, and close() of a monitor that logs once an hour. */
@DisplayName("TeaMonitor")
class TeaMonitorPublicTest {

    private static final long PATIENCE_MS = 5_000;

    @Test
    @Tag("task:5")
    @DisplayName("logs \"tea at 71.5 C\", refuses a negative period and a second start()")
    void logsAndKeepsTheContract() throws InterruptedException {
        assertThatThrownBy(() -> new TeaMonitor(() -> 1.0, Duration.ofSeconds(-1), s -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        List<String> log = new CopyOnWriteArrayList<>();
        try (TeaMonitor monitor = new TeaMonitor(() -> 71.5, Duration.ofMillis(10), log::add)) {
            monitor.start();
            assertThat(monitor.running()).as("running() after start()").isTrue();
            long deadline = System.currentTimeMillis() + PATIENCE_MS;
            while (log.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertThat(log).as("the log after start()").isNotEmpty();
            assertThat(log.get(0)).isEqualTo("tea at 71.5 C");
            assertThatThrownBy(monitor::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("close() of a monitor that logs once an hour returns promptly, and its thread has ended")
    void closeEndsAnHourlyMonitor() throws InterruptedException {
        List<String> log = new CopyOnWriteArrayList<>();
        TeaMonitor monitor = new TeaMonitor(() -> 68.0, Duration.ofHours(1), s -> {
            log.add(s);
        });
        monitor.start();
        long deadline = System.currentTimeMillis() + PATIENCE_MS;
        while (log.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t != Thread.currentThread())
                .filter(t -> java.util.Arrays.stream(t.getStackTrace())
                        .anyMatch(f -> f.getClassName().startsWith("heartbeat.TeaMonitor")))
                .findFirst().orElse(null);
        long start = System.nanoTime();
        monitor.close();
        long closeMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(closeMs).as("milliseconds close() took").isLessThan(PATIENCE_MS);
        assertThat(monitor.running()).as("running() after close()").isFalse();
        if (worker != null) {
            worker.join(PATIENCE_MS);
            assertThat(worker.isAlive())
                    .as("the monitor's thread '%s' %s after close() returned (%s)", worker.getName(),
                            PATIENCE_MS / 1000 + " s", worker.getState())
                    .isFalse();
        }
    }
}
