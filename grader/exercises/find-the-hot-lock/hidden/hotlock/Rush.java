package hotlock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A rush at the counter: baristas each recording their own drink into one OrderBook, while the JVM is asked, about
 * once a millisecond, which of them waits for a lock, whose lock it is and where its holder is. The rush lasts until
 * the baristas used a budget of CPU time (never a wall time, which a loaded machine eats), or until the evidence a
 * check looks for has been seen.
 */
final class Rush {

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Drinks whose hashCode() differs in its lowest two bits, raw and as ConcurrentHashMap spreads it. */
    static final List<String> OWN_BUCKET_DRINKS = List.of("ginger", "masala", "mint", "tulsi");

    /** A rush on a machine too busy to run its baristas ends here, with whatever evidence it has. */
    static final long WALL_CAP_NANOS = 25_000_000_000L;

    static {
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        if (THREADS.isThreadContentionMonitoringSupported()) {
            THREADS.setThreadContentionMonitoringEnabled(true);
        }
    }

    /** One sampled wait: a barista waiting for a lock, the lock, and where its holder was at that moment. */
    record Wait(String waiter, String drink, String lock, String owner, String ownerDrink, String ownerAt,
                boolean ownerFormatting) {
    }

    /** What one rush showed. */
    record Seen(Map<String, Long> blocked, Map<String, Long> waited, List<Wait> waits, long orders, long cpuNanos,
                Throwable failure) {

        long blockedTotal() {
            return blocked.values().stream().mapToLong(Long::longValue).sum();
        }

        long waitedTotal() {
            return waited.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The drinks whose baristas waited for, or held, {@code lock} while another waited for it. */
        Set<String> drinksAround(String lock) {
            Set<String> drinks = new LinkedHashSet<>();
            for (Wait w : waits) {
                if (w.lock().equals(lock)) {
                    drinks.add(w.drink());
                    if (w.ownerDrink() != null) {
                        drinks.add(w.ownerDrink());
                    }
                }
            }
            return drinks;
        }

        /** The lock that made the most baristas of different drinks wait, or null. */
        String widestLock() {
            String widest = null;
            for (Wait w : waits) {
                if (widest == null || drinksAround(w.lock()).size() > drinksAround(widest).size()) {
                    widest = w.lock();
                }
            }
            return widest;
        }

        Wait formattingHolder() {
            return waits.stream().filter(Wait::ownerFormatting).findFirst().orElse(null);
        }

        Wait exampleOn(String lock) {
            return waits.stream().filter(w -> w.lock().equals(lock) && w.ownerAt() != null).findFirst()
                    .orElse(waits.stream().filter(w -> w.lock().equals(lock)).findFirst().orElse(null));
        }
    }

    private Rush() {
    }

    /**
     * Runs baristas {@code drinks.size()} at once, barista i recording drinks.get(i) in turn, until they used
     * {@code cpuBudgetNanos} of CPU between them or {@code enough} says the evidence is in.
     */
    static Seen run(OrderBook book, List<List<String>> drinks, long cpuBudgetNanos,
                    java.util.function.Predicate<List<Wait>> enough) throws InterruptedException {
        int n = drinks.size();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(n + 1);
        long[] orders = new long[n];
        Thread[] baristas = new Thread[n];
        Map<Long, String> drinkOf = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int me = i;
            List<String> mine = drinks.get(i);
            baristas[i] = new Thread(() -> {
                try {
                    start.await();
                    long done = 0;
                    while (!stop.get()) {
                        for (String drink : mine) {
                            book.record(drink);
                        }
                        done += mine.size();
                    }
                    orders[me] = done;
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "barista-" + i + "-" + String.join("+", mine));
            baristas[i].setDaemon(true);
            drinkOf.put(baristas[i].threadId(), String.join("+", mine));
            baristas[i].start();
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = baristas[i].threadId();
        }
        try {
            start.await();
        } catch (java.util.concurrent.BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
        long[] blocked0 = new long[n];
        long[] waited0 = new long[n];
        long[] cpu0 = new long[n];
        ThreadInfo[] first = THREADS.getThreadInfo(ids, 0);
        for (int i = 0; i < n; i++) {
            blocked0[i] = first[i] == null ? 0 : first[i].getBlockedCount();
            waited0[i] = first[i] == null ? 0 : first[i].getWaitedCount();
            cpu0[i] = Math.max(0, THREADS.getThreadCpuTime(ids[i]));
        }
        List<Wait> waits = new ArrayList<>();
        long cpu = 0;
        long[] blocked = new long[n];
        long[] waited = new long[n];
        long wallCap = System.nanoTime() + WALL_CAP_NANOS;
        while (failure.get() == null && System.nanoTime() < wallCap) {
            Thread.sleep(1);
            ThreadInfo[] infos = THREADS.getThreadInfo(ids, true, true);
            Map<Long, ThreadInfo> byId = new LinkedHashMap<>();
            for (ThreadInfo info : infos) {
                if (info != null) {
                    byId.put(info.getThreadId(), info);
                }
            }
            for (ThreadInfo info : infos) {
                if (info == null || info.getLockName() == null || !inOrderBook(info)) {
                    continue;
                }
                Thread.State s = info.getThreadState();
                if (s != Thread.State.BLOCKED && s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
                    continue;
                }
                ThreadInfo owner = byId.get(info.getLockOwnerId());
                String ownerAt = owner == null ? null : where(owner);
                boolean formatting = owner != null && formatting(owner);
                waits.add(new Wait(info.getThreadName(), drinkOf.get(info.getThreadId()), info.getLockName(),
                        owner == null ? info.getLockOwnerName() : owner.getThreadName(),
                        owner == null ? null : drinkOf.get(owner.getThreadId()), ownerAt, formatting));
            }
            cpu = 0;
            for (int i = 0; i < n; i++) {
                cpu += Math.max(0, THREADS.getThreadCpuTime(ids[i]) - cpu0[i]);
            }
            if (cpu >= cpuBudgetNanos || enough.test(waits)) {
                break;
            }
        }
        ThreadInfo[] last = THREADS.getThreadInfo(ids, 0);
        for (int i = 0; i < n; i++) {
            blocked[i] = last[i] == null ? 0 : last[i].getBlockedCount() - blocked0[i];
            waited[i] = last[i] == null ? 0 : last[i].getWaitedCount() - waited0[i];
        }
        stop.set(true);
        for (Thread t : baristas) {
            t.join(10_000);
        }
        Map<String, Long> blockedBy = new LinkedHashMap<>();
        Map<String, Long> waitedBy = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            blockedBy.put(baristas[i].getName(), blocked[i]);
            waitedBy.put(baristas[i].getName(), waited[i]);
        }
        long total = 0;
        for (long o : orders) {
            total += o;
        }
        return new Seen(blockedBy, waitedBy, waits, total, cpu, failure.get());
    }

    private static boolean inOrderBook(ThreadInfo info) {
        for (StackTraceElement e : info.getStackTrace()) {
            if (e.getClassName().startsWith(OrderBook.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean formatting(ThreadInfo owner) {
        for (StackTraceElement e : owner.getStackTrace()) {
            if (e.getClassName().equals("java.util.Formatter")
                    || (e.getClassName().equals("java.lang.String") && e.getMethodName().equals("format"))
                    || e.getClassName().startsWith("java.util.Formatter$")) {
                return true;
            }
            if (e.getClassName().startsWith(OrderBook.class.getName())) {
                return false;
            }
        }
        return false;
    }

    /** The holder's frame in the student's code, and the JDK call it was in, if any. */
    static String where(ThreadInfo owner) {
        StackTraceElement[] stack = owner.getStackTrace();
        String inside = null;
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith(OrderBook.class.getName())) {
                String at = e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName()
                        + "(" + e.getFileName() + ":" + e.getLineNumber() + ")";
                return inside == null ? at : "in " + inside + " at " + at;
            }
            if (e.getClassName().equals("java.lang.String") && e.getMethodName().equals("format")) {
                inside = "String.format";
            } else if (inside == null && !e.getClassName().startsWith("jdk.internal")) {
                String simple = e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1);
                inside = simple + "." + e.getMethodName();
            }
        }
        return null;
    }
}
