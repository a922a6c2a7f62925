package deadlock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

/**
 * A stage on which the test thread holds account locks and starts transfers one at a time, waiting after each
 * step until every transfer thread has settled (finished, queued on a lock, parked, or seen retrying for a
 * while), so that the order in which the transfers take their locks is forced, not left to the scheduler.
 *
 * <p>Transfer threads are daemons: when a scene ends in a deadlock they stay stuck, the test reports and returns,
 * and the grading JVM is thrown away afterwards.
 */
final class TransferScene implements AutoCloseable {

    /** What became of the transfers once every lock the test held was released. */
    sealed interface Outcome {
        /** Every transfer returned or threw. */
        record Finished() implements Outcome {
        }

        /** Transfers wait for each other forever; {@code report} says who holds and waits for what. */
        record Deadlock(String report) implements Outcome {
        }

        /** No transfer finished for a long time although none of them is in a deadlock cycle. */
        record Stuck(String report) implements Outcome {
        }
    }

    /** One transfer running on its own thread. */
    final class Mover {
        final String name;
        final Account from;
        final Account to;
        final long amount;
        final Thread thread;
        final AtomicReference<Object> result = new AtomicReference<>();
        private long seenInTransferAt = -1;
        private long cpuWhenSeen;

        private Mover(Account from, Account to, long amount) {
            this.name = "transfer %d->%d".formatted(from.id(), to.id());
            this.from = from;
            this.to = to;
            this.amount = amount;
            this.thread = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
                try {
                    result.set(bank.transfer(from, to, amount));
                } catch (Throwable t) {
                    result.set(t);
                }
            });
        }

        boolean done() {
            return thread.getState() == Thread.State.TERMINATED;
        }

        /** What transfer returned; fails the test when it threw. */
        boolean returned() {
            Object r = result.get();
            if (r instanceof Throwable t) {
                throw new AssertionError("%s(%s, %s, %d) threw %s".formatted(call(), from, to, amount, t), t);
            }
            return Boolean.TRUE.equals(r);
        }

        String call() {
            return "transfer(account %d -> account %d, %d)".formatted(from.id(), to.id(), amount);
        }

        private boolean settled(long now) {
            if (done() || queuedOn() != null) {
                return true;
            }
            if (!inStudentCode(thread.getStackTrace())) {
                return false;
            }
            if (parkedInStudentCode()) {
                return true;
            }
            long cpu = THREADS.getThreadCpuTime(thread.threadId());
            if (seenInTransferAt < 0) {
                seenInTransferAt = now;
                cpuWhenSeen = cpu;
                return false;
            }
            return now - seenInTransferAt >= RETRY_GRACE.toNanos() && cpu != cpuWhenSeen;
        }

        /** Whether the thread waits without a timeout inside Bank or Account (not on its way in or out). */
        boolean parkedInStudentCode() {
            Thread.State state = thread.getState();
            return (state == Thread.State.WAITING || state == Thread.State.BLOCKED)
                    && inStudentCode(thread.getStackTrace());
        }

        /** Forgets how long this thread was seen retrying: after a lock is released it must be seen anew. */
        void watchAfresh() {
            seenInTransferAt = -1;
        }

        /** The account on whose lock this thread is queued, or null. */
        Account queuedOn() {
            for (Account a : accounts) {
                if (a.lock().hasQueuedThread(thread)) {
                    return a;
                }
            }
            return null;
        }
    }

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** How long a transfer that neither waits on a lock nor finishes is watched retrying before it counts as settled. */
    static final Duration RETRY_GRACE = Duration.ofMillis(60);
    /** Once nothing is held by the test, correct transfers finish in microseconds; this is a very safe bound. */
    static final Duration NO_PROGRESS = Duration.ofSeconds(3);
    private static final Duration SETTLE_CAP = Duration.ofSeconds(4);
    private static final Set<String> STUDENT_FILES = new HashSet<>(List.of("Bank.java", "Account.java"));

    final Bank bank = new Bank();
    final List<Account> accounts = new ArrayList<>();
    final List<Mover> movers = new ArrayList<>();
    private final List<Account> held = new ArrayList<>();

    Account account(int id, long balance) {
        Account a = new Account(id, balance);
        accounts.add(a);
        return a;
    }

    /** The test thread takes the locks of these accounts (nobody else can hold them yet). */
    void hold(Account... some) {
        for (Account a : some) {
            if (!a.lock().tryLock()) {
                throw new AssertionError("the lock of " + a + " was already held before any transfer started: "
                        + describeLock(a));
            }
            held.add(a);
        }
    }

    /** Starts a transfer on its own thread and waits until every transfer has settled. */
    Mover start(Account from, Account to, long amount) {
        Mover m = new Mover(from, to, amount);
        movers.add(m);
        m.thread.start();
        settle();
        return m;
    }

    /** Releases the test's lock of {@code a}, waits until a queued transfer has taken it, then until all settle. */
    void release(Account a) {
        boolean waiters = movers.stream().anyMatch(m -> a.lock().hasQueuedThread(m.thread));
        movers.forEach(Mover::watchAfresh);
        a.lock().unlock();
        held.remove(a);
        if (waiters) {
            awaitOrAbort(() -> a.lock().isLocked() || movers.stream().noneMatch(m -> a.lock().hasQueuedThread(m.thread)),
                    "a transfer to take the lock of " + a);
        }
        settle();
    }

    /** Lets go of every lock the test still holds, so that a failed check leaves no lock held for later checks. */
    @Override
    public void close() {
        for (Account a : List.copyOf(held)) {
            a.lock().unlock();
            held.remove(a);
        }
    }

    void releaseAll() {
        for (Account a : List.copyOf(held)) {
            release(a);
        }
    }

    /** Waits until every transfer has settled. */
    void settle() {
        awaitOrAbort(() -> {
            long now = System.nanoTime();
            boolean all = true;
            for (Mover m : movers) {
                all &= m.settled(now);
            }
            return all;
        }, "the transfer threads to reach a lock");
    }

    /** Waits, after the test released every lock, until all transfers finish, deadlock, or stop making progress. */
    Outcome outcome() {
        if (!held.isEmpty()) {
            throw new IllegalStateException("the test still holds " + held);
        }
        long finished = movers.stream().filter(Mover::done).count();
        long progressAt = System.nanoTime();
        while (true) {
            long now = movers.stream().filter(Mover::done).count();
            if (now == movers.size()) {
                return new Outcome.Finished();
            }
            if (now > finished) {
                finished = now;
                progressAt = System.nanoTime();
            }
            String deadlock = deadlock();
            if (deadlock != null) {
                return new Outcome.Deadlock(deadlock);
            }
            if (System.nanoTime() - progressAt > NO_PROGRESS.toNanos()) {
                return new Outcome.Stuck(stuck());
            }
            pause();
        }
    }

    /** Fails the test unless every transfer finished; the message explains a deadlock or a livelock. */
    void assertAllFinish(String scenario, String whereToLook) {
        switch (outcome()) {
            case Outcome.Finished f -> {
            }
            case Outcome.Deadlock d -> throw new AssertionError("deadlock: " + scenario + ", and then the transfer "
                    + "threads waited for each other forever." + System.lineSeparator() + d.report()
                    + System.lineSeparator() + whereToLook);
            case Outcome.Stuck s -> throw new AssertionError(("no progress: %s; after the test released every lock, "
                    + "none of the remaining transfers finished within %d s, although no thread is in a deadlock "
                    + "cycle of untimed waits (the threads keep retrying, or wait for a lock nobody will release).")
                    .formatted(scenario, NO_PROGRESS.toSeconds()) + System.lineSeparator() + s.report()
                    + System.lineSeparator() + whereToLook);
        }
    }

    /** Fails the test when a transfer returned false although its account had the money the whole time. */
    void assertNoneRefused(String context) {
        for (Mover m : movers) {
            if (!m.returned()) {
                throw new AssertionError(("%s returned false while %s, although %s held enough money for it the "
                        + "whole time. transfer may return false only when the money is not there; when a lock is "
                        + "busy it must wait, or release what it holds and try again.").formatted(m.call(), context,
                        m.from));
            }
        }
    }

    /** Every account's balance, read once all transfers are over. */
    long total() {
        return accounts.stream().mapToLong(Account::balance).sum();
    }

    /** Describes the deadlock among this scene's transfers, or returns null when there is none. */
    String deadlock() {
        long[] ids = THREADS.findDeadlockedThreads();
        if (ids == null) {
            return null;
        }
        Map<Long, Mover> ours = new LinkedHashMap<>();
        for (Mover m : movers) {
            ours.put(m.thread.threadId(), m);
        }
        List<Long> cycle = Arrays.stream(ids).boxed().filter(ours::containsKey).toList();
        if (cycle.isEmpty()) {
            return null;
        }
        ThreadInfo[] infos = THREADS.getThreadInfo(cycle.stream().mapToLong(Long::longValue).toArray(), true, true);
        for (ThreadInfo info : infos) {
            if (info == null || (info.getThreadState() != Thread.State.WAITING
                    && info.getThreadState() != Thread.State.BLOCKED)) {
                return null;
            }
        }
        StringBuilder report = new StringBuilder();
        for (ThreadInfo info : infos) {
            Mover m = ours.get(info.getThreadId());
            report.append("  thread '").append(m.name).append("' running ").append(m.call()).append(": ")
                    .append(holdings(m)).append(", and waits for ").append(awaited(m, info))
                    .append(System.lineSeparator()).append(studentFrames(info.getStackTrace()));
        }
        return report.toString().stripTrailing();
    }

    private String stuck() {
        StringBuilder report = new StringBuilder();
        for (Mover m : movers) {
            if (m.done()) {
                continue;
            }
            ThreadInfo info = THREADS.getThreadInfo(m.thread.threadId(), Integer.MAX_VALUE);
            if (info == null) {
                continue;
            }
            report.append("  thread '").append(m.name).append("' running ").append(m.call()).append(" (")
                    .append(info.getThreadState()).append("): ").append(holdings(m));
            if (info.getLockName() != null) {
                report.append(", and waits for ").append(awaited(m, info));
            }
            report.append(System.lineSeparator()).append(studentFrames(info.getStackTrace()));
        }
        for (Mover m : movers) {
            if (m.done()) {
                for (Account a : accounts) {
                    if (m.name.equals(owner(a))) {
                        report.append("  thread '").append(m.name).append("' has returned from ").append(m.call())
                                .append(", yet still holds the lock of ").append(a)
                                .append(": it locked it more often than it unlocked it").append(System.lineSeparator());
                    }
                }
            }
        }
        return report.toString().stripTrailing();
    }

    private String holdings(Mover m) {
        List<String> mine = accounts.stream().filter(a -> m.name.equals(owner(a))).map(a -> "the lock of " + a).toList();
        return mine.isEmpty() ? "holds no account's lock" : "holds " + String.join(" and ", mine);
    }

    private String awaited(Mover m, ThreadInfo info) {
        Account queued = m.queuedOn();
        String owner = info.getLockOwnerName();
        String by = owner == null ? "" : ", held by " + who(owner);
        if (queued != null) {
            return "the lock of " + queued + by;
        }
        return "a lock that belongs to neither account (" + info.getLockName() + ")" + by;
    }

    private String who(String threadName) {
        return threadName.equals(Thread.currentThread().getName()) ? "this test" : "'" + threadName + "'";
    }

    String describeLock(Account a) {
        String owner = owner(a);
        return owner == null ? "free" : "held by " + who(owner);
    }

    /** The name of the thread that holds the account's lock, or null when it is free. */
    static String owner(Account a) {
        String text = a.lock().toString();
        String marker = "[Locked by thread ";
        int at = text.lastIndexOf(marker);
        return at < 0 ? null : text.substring(at + marker.length(), text.length() - 1);
    }

    static boolean inStudentCode(StackTraceElement[] stack) {
        return Arrays.stream(stack).anyMatch(f -> STUDENT_FILES.contains(f.getFileName()));
    }

    static String studentFrames(StackTraceElement[] stack) {
        String frames = Arrays.stream(stack).filter(f -> STUDENT_FILES.contains(f.getFileName())).limit(4)
                .map(f -> "      at " + frame(f)).collect(Collectors.joining(System.lineSeparator()));
        return frames.isEmpty() ? "" : frames + System.lineSeparator();
    }

    /** A frame as "deadlock.Bank.transfer(Bank.java:15)", without the class loader's name. */
    static String frame(StackTraceElement f) {
        return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static void awaitOrAbort(BooleanSupplier condition, String what) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > SETTLE_CAP.toNanos()) {
                Assumptions.abort("the machine is too busy: waited " + SETTLE_CAP.toSeconds() + " s for " + what
                        + " (rerun the grading)");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The ids of the threads in {@code threads} that sit in a deadlock cycle of untimed waits. */
    static Set<Long> deadlocked(List<Thread> threads) {
        long[] ids = THREADS.findDeadlockedThreads();
        Set<Long> found = new HashSet<>();
        if (ids == null) {
            return found;
        }
        Set<Long> ours = threads.stream().map(Thread::threadId).collect(Collectors.toSet());
        for (ThreadInfo info : THREADS.getThreadInfo(ids)) {
            if (info != null && ours.contains(info.getThreadId())
                    && (info.getThreadState() == Thread.State.WAITING || info.getThreadState() == Thread.State.BLOCKED)) {
                found.add(info.getThreadId());
            }
        }
        return found;
    }

    /** A short account of where each thread stands: state, account locks held, and its lines in the student's code. */
    static String whereThreadsAre(List<Thread> threads, List<Account> accounts) {
        StringBuilder report = new StringBuilder();
        for (Thread t : threads) {
            if (t.getState() == Thread.State.TERMINATED) {
                continue;
            }
            ThreadInfo info = THREADS.getThreadInfo(t.threadId(), Integer.MAX_VALUE);
            if (info == null) {
                continue;
            }
            List<String> mine = accounts.stream().filter(a -> t.getName().equals(owner(a))).map(Account::toString)
                    .toList();
            report.append("  thread '").append(t.getName()).append("' (").append(info.getThreadState()).append(")")
                    .append(mine.isEmpty() ? " holds no account's lock" : " holds the lock of " + String.join(", ", mine));
            accounts.stream().filter(a -> a.lock().hasQueuedThread(t)).findFirst().ifPresent(a -> report
                    .append(", waits for the lock of ").append(a).append(heldBy(owner(a), threads)));
            if (info.getLockName() != null && accounts.stream().noneMatch(a -> a.lock().hasQueuedThread(t))) {
                report.append(", waits for ").append(info.getLockName()).append(heldBy(info.getLockOwnerName(), threads));
            }
            report.append(System.lineSeparator()).append(studentFrames(info.getStackTrace()));
            if (report.length() > 3_000) {
                report.append("  ...").append(System.lineSeparator());
                break;
            }
        }
        return report.toString().stripTrailing();
    }

    private static String heldBy(String owner, List<Thread> threads) {
        if (owner == null) {
            return "";
        }
        boolean returned = threads.stream().anyMatch(t -> t.getName().equals(owner)
                && t.getState() == Thread.State.TERMINATED);
        return " (held by '" + owner + "'" + (returned ? ", which has already returned from all its transfers: it "
                + "locked that lock more often than it unlocked it" : "") + ")";
    }
}
