package parallel;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * Times count against the plain loop and against a reference that spreads the same work over every processor,
 * in the same JVM, taking turns, after a warm-up; each keeps its best time, so a burst of load from elsewhere
 * spoils single runs, not the verdict.
 */
final class SpeedTrial {

    /** The speedups measured, as best sequential time over best time. */
    record Result(double student, double reference, int rounds, long sequentialMillis) {
    }

    private static final int WARM_UP = 1;
    private static final int MIN_ROUNDS = 2;
    private static final int MAX_ROUNDS = 8;
    private static final long CHUNK = 64;

    private SpeedTrial() {
    }

    /**
     * Runs rounds until the student's count is clearly faster than the loop ({@code enough}), or until
     * {@code MAX_ROUNDS}; every run must find {@code expected}.
     */
    static Result run(LongSupplier student, long from, long to, LongPredicate test, long expected, double enough) {
        LongSupplier sequential = () -> sequential(from, to, test);
        LongSupplier reference = () -> spread(from, to, test);
        for (int i = 0; i < WARM_UP; i++) {
            time(sequential, expected, "the sequential loop");
            time(reference, expected, "the reference");
            time(student, expected, "count");
        }
        long seq = Long.MAX_VALUE;
        long ref = Long.MAX_VALUE;
        long stu = Long.MAX_VALUE;
        int round = 0;
        while (round < MAX_ROUNDS) {
            round++;
            for (int turn = 0; turn < 3; turn++) {
                switch ((turn + round) % 3) {
                    case 0 -> seq = Math.min(seq, time(sequential, expected, "the sequential loop"));
                    case 1 -> ref = Math.min(ref, time(reference, expected, "the reference"));
                    default -> stu = Math.min(stu, time(student, expected, "count"));
                }
            }
            if (round >= MIN_ROUNDS && (double) seq / stu >= enough) {
                break;
            }
        }
        return new Result((double) seq / stu, (double) seq / ref, round, seq / 1_000_000);
    }

    private static long time(LongSupplier run, long expected, String what) {
        long start = System.nanoTime();
        long found = run.getAsLong();
        long took = System.nanoTime() - start;
        if (found != expected) {
            throw new AssertionError("%s found %s, the sequential loop %s".formatted(what, grouped(found), grouped(expected)));
        }
        return took;
    }

    static long sequential(long from, long to, LongPredicate test) {
        long found = 0;
        for (long n = from; n < to; n++) {
            if (test.test(n)) {
                found++;
            }
        }
        return found;
    }

    /** The reference: one thread per processor (the caller is one), taking small chunks from a shared cursor. */
    static long spread(long from, long to, LongPredicate test) {
        AtomicLong next = new AtomicLong(from);
        LongAdder found = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            long mine = 0;
            for (long lo = next.getAndAdd(CHUNK); lo < to; lo = next.getAndAdd(CHUNK)) {
                long hi = Math.min(to, lo + CHUNK);
                for (long n = lo; n < hi; n++) {
                    if (test.test(n)) {
                        mine++;
                    }
                }
            }
            found.add(mine);
        };
        Thread[] helpers = new Thread[Runtime.getRuntime().availableProcessors() - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = Thread.ofPlatform().name("reference-" + i).unstarted(work);
            helpers[i].setUncaughtExceptionHandler((t, e) -> failure.set(e));
            helpers[i].start();
        }
        work.run();
        for (Thread helper : helpers) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return found.sum();
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String times(double speedup) {
        return String.format(Locale.ROOT, "%.2fx", speedup);
    }
}
