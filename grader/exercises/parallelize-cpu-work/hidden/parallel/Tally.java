package parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;

/** A test to pass to count that records which thread tested which number, and how often each number was tested. */
final class Tally implements LongPredicate {

    private final long from;
    private final int size;
    private final LongPredicate answer;
    private final AtomicIntegerArray calls;
    private final AtomicReferenceArray<Thread> firstTester;
    private final Map<Thread, LongAdder> perThread = new ConcurrentHashMap<>();
    private final AtomicLong outside = new AtomicLong();
    private final AtomicReference<String> outsideExample = new AtomicReference<>();
    private final AtomicReference<String> twiceExample = new AtomicReference<>();

    Tally(long fromInclusive, long toExclusive, LongPredicate answer) {
        this.from = fromInclusive;
        this.size = Math.toIntExact(toExclusive - fromInclusive);
        this.answer = answer;
        this.calls = new AtomicIntegerArray(size);
        this.firstTester = new AtomicReferenceArray<>(size);
    }

    @Override
    public boolean test(long n) {
        Thread me = Thread.currentThread();
        perThread.computeIfAbsent(me, t -> new LongAdder()).increment();
        long i = n - from;
        if (i < 0 || i >= size) {
            outside.incrementAndGet();
            outsideExample.compareAndSet(null, Long.toString(n));
        } else {
            calls.incrementAndGet((int) i);
            Thread first = firstTester.compareAndExchange((int) i, null, me);
            if (first != null) {
                twiceExample.compareAndSet(null, "%s (by %s, then by %s)".formatted(
                        grouped(n), Threads.name(first), first == me ? "the same thread again" : Threads.name(me)));
            }
        }
        return answer.test(n);
    }

    /** The threads that tested numbers, and how many each tested. */
    Map<Thread, Long> testsPerThread() {
        Map<Thread, Long> counts = new ConcurrentHashMap<>();
        perThread.forEach((t, c) -> counts.put(t, c.sum()));
        return counts;
    }

    /** What went wrong with the calls, in words, or null when every number of the range was tested exactly once. */
    String defect() {
        long twice = 0;
        long never = 0;
        List<String> neverExamples = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int c = calls.get(i);
            if (c == 0) {
                never++;
                if (neverExamples.size() < 3) {
                    neverExamples.add(grouped(from + i));
                }
            } else if (c > 1) {
                twice += c - 1;
            }
        }
        List<String> problems = new ArrayList<>();
        if (twice > 0) {
            problems.add("tested a number more than once %s times, e.g. %s".formatted(grouped(twice), twiceExample.get()));
        }
        if (never > 0) {
            problems.add("never tested %s of the %s numbers, e.g. %s".formatted(grouped(never), grouped(size),
                    String.join(", ", neverExamples)));
        }
        if (outside.get() > 0) {
            problems.add("tested %s numbers outside the range, e.g. %s".formatted(grouped(outside.get()), outsideExample.get()));
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
