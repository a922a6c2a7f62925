package parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * Times count against the plain loop and against references that spread the same work over every processor, in
 * the same JVM, after a warm-up. Each round times them back to back in the order loop, references, count, count,
 * references, loop, so load that comes and goes weighs on all alike; only rounds in which every reference shows
 * the machine can run in parallel (a qualified round) count towards a verdict.
 *
 * <p>The references are the ways a correct answer starts its work: the calling thread working beside a new
 * helper, new threads while the caller waits (a pool made per call), and parked pool threads woken per call while
 * the caller waits (a reused executor, virtual threads' carriers). With a busy process beside the grading, the
 * kernel can place new or woken threads on one CPU for a whole call while a caller that keeps working is spared;
 * measured: a fork/join pool made per call ran 0.97x in rounds where the first reference alone reached 1.62x.
 * A round counts only when even the reference that suffers most from that reached {@link #QUALIFIES}.
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
        int cpus = Runtime.getRuntime().availableProcessors();
        try (ExecutorService parked = Executors.newFixedThreadPool(cpus, Thread.ofPlatform().name("reference-pool-", 0)
                .daemon(true).factory())) {
            LongSupplier sequential = () -> sequential(from, to, test);
            List<LongSupplier> references = List.of(
                    () -> spread(from, to, test),
                    () -> onNewThreads(from, to, test),
                    () -> onPool(parked, from, to, test));
            for (int i = 0; i < WARM_UP; i++) {
                time(sequential, expected, "the sequential loop");
                for (LongSupplier reference : references) {
                    time(reference, expected, "a reference");
                }
                time(student, expected, "count");
            }
            return rounds(student, sequential, references, expected);
        }
    }

    private static Result rounds(LongSupplier student, LongSupplier sequential, List<LongSupplier> references,
                                 long expected) {
        long start = System.nanoTime();
        int rounds = 0;
        int qualified = 0;
        int slow = 0;
        double stu = 0;
        double ref = 0;
        long seqMillis = 0;
        long[] r = new long[references.size()];
        while (rounds < MAX_ROUNDS && System.nanoTime() - start < MAX_NANOS) {
            rounds++;
            long seq = time(sequential, expected, "the sequential loop");
            for (int i = 0; i < r.length; i++) {
                r[i] = time(references.get(i), expected, "a reference");
            }
            long s = time(student, expected, "count");
            s += time(student, expected, "count");
            for (int i = r.length - 1; i >= 0; i--) {
                r[i] += time(references.get(i), expected, "a reference");
            }
            seq += time(sequential, expected, "the sequential loop");
            double roundRef = Double.MAX_VALUE;
            for (long took : r) {
                roundRef = Math.min(roundRef, (double) seq / took);
            }
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

    /** The first reference: the caller and one new thread per other processor take small chunks from a cursor. */
    static long spread(long from, long to, LongPredicate test) {
        Chunks chunks = new Chunks(from, to, test);
        Thread[] helpers = new Thread[Runtime.getRuntime().availableProcessors() - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = chunks.start("reference-" + i);
        }
        chunks.run();
        return chunks.joined(helpers);
    }

    /** The second reference: one new thread per processor takes chunks while the caller waits for them. */
    static long onNewThreads(long from, long to, LongPredicate test) {
        Chunks chunks = new Chunks(from, to, test);
        Thread[] workers = new Thread[Runtime.getRuntime().availableProcessors()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = chunks.start("reference-new-" + i);
        }
        return chunks.joined(workers);
    }

    /** The third reference: a pool's parked threads, one per processor, take chunks while the caller waits. */
    static long onPool(ExecutorService pool, long from, long to, LongPredicate test) {
        Chunks chunks = new Chunks(from, to, test);
        List<Future<?>> parts = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            parts.add(pool.submit(chunks));
        }
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return chunks.found.sum();
    }

    /** Small chunks of a range handed out from a shared cursor to whichever thread runs it. */
    private static final class Chunks implements Runnable {
        private final AtomicLong next;
        private final long to;
        private final LongPredicate test;
        private final LongAdder found = new LongAdder();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Chunks(long from, long to, LongPredicate test) {
            this.next = new AtomicLong(from);
            this.to = to;
            this.test = test;
        }

        @Override
        public void run() {
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
        }

        Thread start(String name) {
            Thread thread = Thread.ofPlatform().name(name).unstarted(this);
            thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
            thread.start();
            return thread;
        }

        long joined(Thread[] threads) {
            for (Thread thread : threads) {
                try {
                    thread.join();
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
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String times(double speedup) {
        return String.format(Locale.ROOT, "%.2fx", speedup);
    }
}
