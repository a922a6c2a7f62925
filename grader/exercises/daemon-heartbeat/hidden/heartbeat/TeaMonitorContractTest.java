package heartbeat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import static heartbeat.Monitors.describe;
import static org.assertj.core.api.Assertions.fail;

/** Hidden checks of TeaMonitor's contract: its arguments, start() once, running(), and close() at any time. */
@Isolated
@DisplayName("TeaMonitor's contract")
class TeaMonitorContractTest {

    @Test
    @Tag("task:5")
    @DisplayName("A second start() throws IllegalStateException and starts no second thread")
    void secondStartIsRefused() {
        Monitors.Log log = new Monitors.Log();
        Set<Thread> before = Monitors.threadsNow();
        TeaMonitor monitor = new TeaMonitor(() -> 71.5, Duration.ofHours(1), log);
        List<Thread> started = List.of();
        try {
            monitor.start();
            Monitors.await(() -> log.size() >= 1, "the first reading being logged after start()");
            List<Thread> first = Monitors.startedSince(before);
            started = first;
            Throwable thrown = null;
            try {
                monitor.start();
            } catch (Throwable t) {
                thrown = t;
            }
            Monitors.within(Duration.ofMillis(200), () -> log.size() >= 2);
            List<Thread> now = Monitors.startedSince(before);
            started = now;
            List<Thread> extra = now.stream().filter(t -> !first.contains(t)).toList();
            if (!extra.isEmpty() || log.size() > 1) {
                fail(("A second start() started a second monitor: after the first start() there was %s; after the "
                        + "second, also %s, and %d readings were logged where an hourly monitor logs one. start() may "
                        + "run once: a second call must throw IllegalStateException and change nothing.")
                        .formatted(describe(first), describe(extra), log.size()));
            }
            if (!(thrown instanceof IllegalStateException)) {
                fail("A second start() must throw IllegalStateException; it %s.",
                        thrown == null ? "returned normally" : "threw " + thrown);
            }
        } finally {
            monitor.close();
            Monitors.cleanUp(started);
        }
    }

    @Test
    @Tag("task:5")
    @DisplayName("every < 0 is refused, running() follows start() and close(), and close() is idempotent")
    void keepsTheContract() {
        try {
            new TeaMonitor(() -> 1.0, Duration.ofMillis(-1), s -> { });
            fail("new TeaMonitor(..., every = -1 ms, ...) must throw IllegalArgumentException; it returned normally.");
        } catch (IllegalArgumentException expected) {
            // as the contract says
        }
        TeaMonitor unstarted = new TeaMonitor(() -> 1.0, Duration.ZERO, s -> { });
        if (unstarted.running()) {
            fail("running() is true before start().");
        }
        unstarted.close();
        unstarted.close();
        if (unstarted.running()) {
            fail("running() is true after close() of a monitor that never started.");
        }
        Monitors.Log log = new Monitors.Log();
        Set<Thread> before = Monitors.threadsNow();
        TeaMonitor monitor = new TeaMonitor(() -> 71.5, Duration.ofMillis(5), log);
        List<Thread> started = List.of();
        try {
            monitor.start();
            if (!monitor.running()) {
                fail("running() is false right after start().");
            }
            Monitors.await(() -> log.size() >= 1, "the first reading being logged after start()");
            started = Monitors.startedSince(before);
            String first = log.lines().get(0).text();
            if (!first.equals("tea at 71.5 C")) {
                fail("A reading of 71.5 degrees must be logged as \"tea at 71.5 C\"; the monitor logged \"%s\".", first);
            }
            monitor.close();
            if (monitor.running()) {
                fail("running() is true after close() returned.");
            }
            monitor.close();
            if (monitor.running()) {
                fail("running() is true after a second close().");
            }
        } finally {
            monitor.close();
            Monitors.cleanUp(started);
        }
    }
}
