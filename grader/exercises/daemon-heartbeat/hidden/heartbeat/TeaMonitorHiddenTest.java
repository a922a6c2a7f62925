package heartbeat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

import static heartbeat.Monitors.BOUND;
import static heartbeat.Monitors.describe;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hidden checks of TeaMonitor's thread: that it never keeps the JVM alive, that close() stops it at once and returns
 * only once it has ended, that it sees the stop request while spinning, and that a failing thermometer does not kill
 * it. Each scene forces its order (a reading held on a gate, a monitor seen asleep) and judges by thread states.
 */
@Isolated
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("TeaMonitor's background thread")
class TeaMonitorHiddenTest {

    @Test
    @Order(1)
    @Tag("task:1")
    @DisplayName("The monitor's thread never keeps the JVM alive: it is a daemon thread")
    void neverKeepsTheJvmAlive() {
        Monitors.Log log = new Monitors.Log();
        Set<Thread> before = Monitors.threadsNow();
        TeaMonitor monitor = new TeaMonitor(() -> 71.5, Duration.ofMillis(20), log);
        List<Thread> started = List.of();
        try {
            monitor.start();
            Monitors.await(() -> log.size() >= 1, "the first reading being logged after start()");
            started = Monitors.startedSince(before);
            List<Thread> keepAlive = started.stream().filter(t -> !t.isDaemon()).toList();
            if (!keepAlive.isEmpty()) {
                fail(("The monitor keeps the JVM alive: start() started %s. A Java program ends only when every "
                        + "non-daemon thread has ended, so a program whose main returns without calling close() never "
                        + "exits. Python's threading.Thread(daemon=True) has a Java counterpart: look at how a thread "
                        + "(or a thread factory) is made a daemon, before it starts.").formatted(describe(keepAlive)));
            }
        } finally {
            monitor.close();
            Monitors.cleanUp(started);
        }
    }

    @Test
    @Order(2)
    @Tag("task:2")
    @DisplayName("close() stops a monitor that logs once an hour at once, and its thread ends")
    void closeEndsAnHourlyMonitor() {
        Monitors.Log log = new Monitors.Log();
        Set<Thread> before = Monitors.threadsNow();
        TeaMonitor monitor = new TeaMonitor(() -> 68.0, Duration.ofHours(1), log);
        List<Thread> started = List.of();
        try {
            monitor.start();
            Monitors.await(() -> log.size() >= 1, "the first reading being logged after start()");
            List<Thread> threads = Monitors.startedSince(before);
            started = threads;
            Monitors.await(() -> threads.stream().allMatch(t -> !t.isAlive() || t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING), "the monitor going to sleep until its next reading");
            AtomicBoolean returned = new AtomicBoolean();
            AtomicReference<Throwable> error = new AtomicReference<>();
            Thread closer = Monitors.run("closer", () -> {
                try {
                    monitor.close();
                } catch (Throwable t) {
                    error.set(t);
                } finally {
                    returned.set(true);
                }
            });
            if (!Monitors.within(BOUND, returned::get)) {
                fail(("close() did not return within %d s of a monitor that logs once an hour: the closing thread is "
                        + "%s, and the monitor: %s. close() must end the wait for the next reading at once, not let it "
                        + "run out: a plain Thread.sleep cannot be cut short by setting a flag. Look at what wakes a "
                        + "sleeping or waiting thread early.").formatted(BOUND.toSeconds(),
                        Monitors.describe(closer).replace("thread 'closer' (daemon) is ", ""), describe(threads)));
            }
            if (error.get() != null) {
                fail("close() threw %s.", error.get());
            }
            if (!Monitors.within(BOUND, () -> threads.stream().noneMatch(Thread::isAlive))) {
                fail(("close() returned but the monitor is still there %d s later: %s. close() of a monitor that "
                        + "logs once an hour must end its thread, not leave it asleep until the next reading. Look at "
                        + "how the sleeping monitor learns that it must stop now.").formatted(BOUND.toSeconds(),
                        describe(threads)));
            }
        } finally {
            monitor.close();
            Monitors.cleanUp(started);
        }
    }

    @Test
    @Order(3)
    @Tag("task:2")
    @DisplayName("close() returns only once the monitor has stopped: nothing is logged after it returns")
    void closeWaitsForTheMonitor() {
        Monitors.Log log = new Monitors.Log();
        CountDownLatch inReading = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger readings = new AtomicInteger();
        Thermometer held = () -> {
            if (readings.incrementAndGet() == 2) {
                inReading.countDown();
                boolean interrupted = false;
                while (true) {
                    try {
                        gate.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return 70.0;
        };
        Set<Thread> before = Monitors.threadsNow();
        TeaMonitor monitor = new TeaMonitor(held, Duration.ofMillis(1), log);
        List<Thread> started = List.of();
        try {
            monitor.start();
            Monitors.await(() -> inReading.getCount() == 0, "the monitor taking its second reading");
            List<Thread> threads = Monitors.startedSince(before);
            started = threads;
            AtomicLong returnedAt = new AtomicLong();
            AtomicReference<Throwable> error = new AtomicReference<>();
            Thread closer = Monitors.run("closer", () -> {
                try {
                    monitor.close();
                } catch (Throwable t) {
                    error.set(t);
                } finally {
                    returnedAt.set(Monitors.SEQUENCE.incrementAndGet());
                }
            });
            boolean waited = false;
            long start = System.nanoTime();
            while (returnedAt.get() == 0) {
                if (Monitors.waitingForGood(closer) && returnedAt.get() == 0) {
                    waited = true;
                    break;
                }
                if (System.nanoTime() - start > Monitors.STARVED_CAP.toNanos()) {
                    org.junit.jupiter.api.Assumptions.abort("inconclusive: the machine is too busy: close() was neither "
                            + "seen waiting nor returned in " + Monitors.STARVED_CAP.toSeconds() + " s");
                }
            }
            if (!waited) {
                String monitorNow = describe(threads);
                gate.countDown();
                Monitors.within(BOUND, () -> log.size() >= 2);
                List<Monitors.Line> late = log.after(returnedAt.get());
                fail(("close() returned while the monitor was still taking a reading: the monitor was held inside "
                        + "Thermometer.celsius() (%s) and close() returned at once%s. close() must return only once "
                        + "the monitor has stopped, so that nothing is logged after it. Look at how one thread waits "
                        + "for another to end.").formatted(monitorNow, late.isEmpty() ? ""
                        : "; once the reading was let go, the monitor logged \"" + late.get(0).text() + "\" after close() "
                        + "had returned"));
            }
            gate.countDown();
            if (!Monitors.within(BOUND, () -> returnedAt.get() != 0)) {
                fail("close() did not return within %d s of the monitor's last reading ending: closing thread %s; "
                        + "monitor: %s.", BOUND.toSeconds(), describe(closer), describe(threads));
            }
            if (error.get() != null) {
                fail("close() threw %s.", error.get());
            }
            List<Monitors.Line> late = log.after(returnedAt.get());
            if (!late.isEmpty()) {
                fail("The monitor logged \"%s\" after close() had returned: nothing may be logged once close() is done.",
                        late.get(0).text());
            }
            if (!Monitors.within(BOUND, () -> threads.stream().noneMatch(Thread::isAlive))) {
                fail("close() returned but the monitor's thread is still there %d s later: %s.", BOUND.toSeconds(),
                        describe(threads));
            }
        } finally {
            gate.countDown();
            monitor.close();
            Monitors.cleanUp(started);
        }
    }

    @Test
    @Order(4)
    @Tag("task:4")
    @DisplayName("A thermometer that throws is logged, and the monitor keeps going")
    void failingThermometerIsLogged() {
        Monitors.Log log = new Monitors.Log();
        AtomicInteger readings = new AtomicInteger();
        Thermometer flaky = () -> {
            if (readings.incrementAndGet() == 2) {
                throw new IllegalStateException("probe unplugged");
            }
            return 72.5;
        };
        Set<Thread> before = Monitors.threadsNow();
        TeaMonitor monitor = new TeaMonitor(flaky, Duration.ofMillis(2), log);
        List<Thread> started = List.of();
        try {
            monitor.start();
            Monitors.await(() -> readings.get() >= 2, "the monitor taking its second reading");
            List<Thread> threads = Monitors.startedSince(before);
            started = threads;
            long start = System.nanoTime();
            while (readings.get() < 4) {
                int seen = readings.get();
                boolean dead = threads.stream().allMatch(t -> !t.isAlive() || t.getState() == Thread.State.WAITING);
                if (dead && threads.stream().allMatch(t -> !t.isAlive() || Monitors.waitingForGood(t))
                        && readings.get() == seen) {
                    fail(("The monitor stopped for good when the thermometer threw IllegalStateException(\"probe "
                            + "unplugged\") on its second reading: no reading since, and %s. An exception that leaves "
                            + "the loop ends the thread (or cancels a scheduled task) silently. Catch it, log "
                            + "\"thermometer failed: ...\" and keep watching.").formatted(describe(threads)));
                }
                if (System.nanoTime() - start > Monitors.STARVED_CAP.toNanos()) {
                    org.junit.jupiter.api.Assumptions.abort("inconclusive: the machine is too busy: no fourth reading in "
                            + Monitors.STARVED_CAP.toSeconds() + " s; " + describe(threads));
                }
                Monitors.sleepQuietly(2);
            }
            Monitors.await(() -> log.size() >= 3, "the monitor logging its fourth reading");
            List<String> lines = log.lines().stream().map(Monitors.Line::text).toList();
            if (lines.stream().noneMatch(l -> l.startsWith("thermometer failed: ") && l.contains("probe unplugged"))) {
                fail(("The thermometer threw IllegalStateException(\"probe unplugged\") and the monitor kept going, but "
                        + "never logged the failure: the log is %s. Log \"thermometer failed: \" followed by the "
                        + "exception's message.").formatted(lines.subList(0, Math.min(5, lines.size()))));
            }
            if (lines.stream().filter(l -> l.equals("tea at 72.5 C")).count() < 2) {
                fail("After the thermometer's failure the monitor must log the later readings (\"tea at 72.5 C\"); the "
                        + "log is %s.", lines.subList(0, Math.min(5, lines.size())));
            }
        } finally {
            monitor.close();
            Monitors.cleanUp(started);
        }
    }

    /** A plain counter: the spinning scene adds no synchronization of its own to the monitor's loop. */
    static final class Counter {
        long n;
    }

    @Test
    @Order(5)
    @Tag("task:3")
    @DisplayName("A monitor that logs as fast as it can (every == 0) sees the stop request")
    void spinningMonitorSeesTheStop() {
        Counter lines = new Counter();
        java.util.function.Consumer<String> counting = s -> lines.n++;
        Set<Thread> before = Monitors.threadsNow();
        TeaMonitor monitor = new TeaMonitor(() -> 69.5, Duration.ZERO, counting);
        List<Thread> started = List.of();
        try {
            monitor.start();
            Monitors.await(() -> lines.n >= 300_000, "300000 readings being logged (for the JIT to compile the loop)");
            List<Thread> threads = Monitors.startedSince(before);
            started = threads;
            AtomicBoolean returned = new AtomicBoolean();
            Thread closer = Monitors.run("closer", () -> {
                try {
                    monitor.close();
                } catch (Throwable ignored) {
                    // judged by the monitor's thread below
                } finally {
                    returned.set(true);
                }
            });
            boolean closed = Monitors.within(BOUND, returned::get);
            boolean ended = closed && Monitors.within(BOUND, () -> threads.stream().noneMatch(Thread::isAlive));
            if (!ended) {
                long a = lines.n;
                Monitors.sleepQuietly(50);
                long b = lines.n;
                fail(("A monitor with every == 0 did not stop: %s %d s after close() was called, and it is still "
                        + "logging (%d lines in 50 ms); %s. The JIT may read a plain field once and never again in a "
                        + "loop that never waits: the monitor's thread must be guaranteed to see the stop request. Look "
                        + "at what the Java memory model says about a field written by one thread and read by "
                        + "another.").formatted(describe(threads), BOUND.toSeconds(), b - a,
                        closed ? "close() returned" : "close() has not returned: " + describe(closer)));
            }
        } finally {
            monitor.close();
            Monitors.cleanUp(started);
        }
    }
}
