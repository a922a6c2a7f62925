package parallel;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * Times count against the plain loop and against a reference that spreads the same work over every processor, in
 * the same JVM, after a warm-up. Each round times the three back to back in the order loop, reference, count,
 * count, reference, loop, so load that comes and goes weighs on all three alike; only rounds in which the reference
 * shows the machine can run in parallel (a qualified round) count towards a verdict.
 */
final class SpeedTrial {

    /** How a trial ended: count was clearly faster, clearly not, or the machine never let it tell. */
    enum Verdict { FASTER, NOT_FASTER, UNDECIDED }

    /** The verdict, with the speedups of the last qualified round (or the last round) to show. */
    record Result(Verdict verdict, double student, double reference, int rounds, int qualified, long sequentialMillis) {
    }

    static final double QUALIFIES = 1.5;
    static final double FASTER = 1.3;
    static final double NOT_FASTER = 1.15;
    static final int SLOW_ROUNDS_TO_FAIL = 4;
    private static final int WARM_UP = 2;
    private static final int MAX_ROUNDS = 14;
    private static final long MAX_NANOS = 5_000_000_000L;
    private static final long CHUNK = 64;

    private SpeedTrial() {
    }

    /** Runs rounds until a verdict; every run must find {@code expected}. */
    static Result run(LongSupplier student, long from, long to, LongPredicate test, long expected) {
        LongSupplier sequential = () -> sequential(from, to, test);
        LongSupplier reference = () -> spread(from, to, test);
        for (int i = 0; i < WARM_UP; i++) {
            time(sequential, expected, "the sequential loop");
            time(reference, expected, "the reference");
            time(student, expected, "count");
        }
        long start = System.nanoTime();
        int rounds = 0;
        int qualified = 0;
        int slow = 0;
        double stu = 0;
        double ref = 0;
        long seqMillis = 0;
        while (rounds < MAX_ROUNDS && System.nanoTime() - start < MAX_NANOS) {
            rounds++;
            long seq = time(sequential, expected, "the sequential loop");
            long r = time(reference, expected, "the reference");
            long s = time(student, expected, "count");
            s += time(student, expected, "count");
            r += time(reference, expected, "the reference");
            seq += time(sequential, expected, "the sequential loop");
            double roundRef = (double) seq / r;
            double roundStu = (double) seq / s;
            if (roundRef < QUALIFIES) {
                if (qualified == 0) {
                    stu = roundStu;
                    ref = roundRef;
                    seqMillis = seq / 2_000_000;
                }
                continue;
            }
            qualified++;
            stu = roundStu;
            ref = roundRef;
            seqMillis = seq / 2_000_000;
            if (roundStu >= FASTER) {
                return new Result(Verdict.FASTER, stu, ref, rounds, qualified, seqMillis);
            }
            if (roundStu < NOT_FASTER && ++slow >= SLOW_ROUNDS_TO_FAIL) {
                return new Result(Verdict.NOT_FASTER, stu, ref, rounds, qualified, seqMillis);
            }
        }
        return new Result(Verdict.UNDECIDED, stu, ref, rounds, qualified, seqMillis);
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
