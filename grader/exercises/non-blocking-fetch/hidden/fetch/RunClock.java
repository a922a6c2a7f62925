package fetch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time as this JVM got to run, for the checks' upper limits ("no new request for 3 s", "the future had 6 s to
 * complete"). A daemon thread sleeps 2 ms at a time and adds 2 ms per wake-up however late it woke, so on a busy
 * machine, where every thread of the JVM waits for a processor, the clock runs slow and every limit measured with
 * it stretches in step; on a quiet one it keeps to the wall clock. Lower limits ("not before the timeout") stay on
 * the wall clock, which a correct answer can never beat.
 */
final class RunClock {
    private static final long TICK_NANOS = 2_000_000;
    private static final AtomicLong TICKS = new AtomicLong();

    static {
        Thread.ofPlatform().name("run-clock").daemon().start(() -> {
            while (true) {
                try {
                    Thread.sleep(Duration.ofNanos(TICK_NANOS));
                } catch (InterruptedException e) {
                    // the clock keeps running: the checks interrupt nothing of theirs
                }
                TICKS.incrementAndGet();
            }
        });
    }

    private RunClock() {
    }

    /** The clock's reading, in nanoseconds. */
    static long now() {
        return TICKS.get() * TICK_NANOS;
    }

    /** Whether {@code limit} has passed on this clock since {@code start} (a reading of {@link #now()}). */
    static boolean passed(long start, Duration limit) {
        return now() - start >= limit.toNanos();
    }
}
