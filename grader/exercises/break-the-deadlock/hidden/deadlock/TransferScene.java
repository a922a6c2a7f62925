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

        /** The transfer threads kept running (retrying) for a long time and none of them finished. */
        record Livelock(LivenessWatch.Verdict.Livelock seen, String report) implements Outcome {
        }

        /** No transfer finished, and every one left is parked for good, in no deadlock cycle. */
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

    /**
     * Waits, after the test released every lock, until all transfers finish, deadlock, livelock or are parked for
     * good; aborts the check (inconclusive, never failed) when the machine did not run the threads long enough to
     * tell.
     */
    Outcome outcome() {
        if (!held.isEmpty()) {
            throw new IllegalStateException("the test still holds " + held);
        }
        LivenessWatch watch = new LivenessWatch(movers.stream().map(m -> m.thread).toList(),
                () -> movers.stream().filter(Mover::done).count());
        while (true) {
            if (movers.stream().allMatch(Mover::done)) {
                return new Outcome.Finished();
            }
            switch (watch.poll()) {
                case null -> pause();
                case LivenessWatch.Verdict.Deadlock d -> {
                    return new Outcome.Deadlock(deadlockReport(d.cycle()));
                }
                case LivenessWatch.Verdict.Livelock l -> {
                    return new Outcome.Livelock(l, stuck());
                }
                case LivenessWatch.Verdict.Parked p -> {
                    return new Outcome.Stuck(stuck());
                }
                case LivenessWatch.Verdict.Starved s -> Assumptions.abort(("inconclusive: the machine is too busy: in %d s "
                        + "without progress the transfer threads got only %d ms of CPU, too little to tell a livelock from "
                        + "a slow machine (rerun the grading)").formatted(s.window().toSeconds(), s.cpu().toMillis()));
            }
        }
    }

    /** Fails the test unless every transfer finished; the message explains a deadlock, a livelock or a lost lock. */
    void assertAllFinish(String scenario, String whereToLook) {
        switch (outcome()) {
            case Outcome.Finished f -> {
            }
            case Outcome.Deadlock d -> throw new AssertionError("deadlock: " + scenario + ", and then the transfer "
                    + "threads waited for each other forever (the same cycle of untimed waits in two thread dumps "
                    + LivenessWatch.CONFIRM_AFTER.toMillis() + " ms apart, no transfer finishing in between)."
                    + System.lineSeparator() + d.report() + System.lineSeparator() + whereToLook);
            case Outcome.Livelock l when lockLeftHeld() -> throw new AssertionError(("no progress: %s; after the test "
                    + "released every lock, none of the remaining transfers finished within %d s: they keep running (%d "
                    + "ms of CPU between them) and retrying for a lock that a transfer which has already returned still "
                    + "holds.").formatted(scenario, l.seen().window().toSeconds(), l.seen().cpu().toMillis())
                    + System.lineSeparator() + l.report() + System.lineSeparator() + whereToLook);
            case Outcome.Livelock l -> throw new AssertionError(("livelock: %s; after the test released every lock, "
                    + "none of the remaining transfers finished within %d s, although their threads kept running (%d ms "
                    + "of CPU between them) and none is in a deadlock: they keep retrying and getting in each other's way. "
                    + "A thread that retries must first let go of every lock it holds, and wait a little (a random, "
                    + "growing back-off) before it tries again.").formatted(scenario, l.seen().window().toSeconds(),
                    l.seen().cpu().toMillis()) + System.lineSeparator() + l.report() + System.lineSeparator() + whereToLook);
            case Outcome.Stuck s -> throw new AssertionError(("no progress: %s; after the test released every lock, "
                    + "none of the remaining transfers finished within %d s: most of that time they were all waiting "
                    + "(parked, asleep or in a timed tryLock), not running, for a lock that nobody is going to release, "
                    + "and not in a cycle of untimed waits with each other.")
                    .formatted(scenario, LivenessWatch.NO_PROGRESS.toSeconds()) + System.lineSeparator() + s.report()
                    + System.lineSeparator() + whereToLook);
        }
    }

    /** Whether a transfer that has returned still holds an account's lock (it locked it more often than it unlocked it). */
    private boolean lockLeftHeld() {
        return movers.stream().anyMatch(m -> m.done() && accounts.stream().anyMatch(a -> m.name.equals(owner(a))));
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

    /** Describes a confirmed deadlock cycle among this scene's transfers: who holds and who waits for what. */
    private String deadlockReport(List<ThreadInfo> cycle) {
        Map<Long, Mover> ours = new LinkedHashMap<>();
        for (Mover m : movers) {
            ours.put(m.thread.threadId(), m);
        }
        StringBuilder report = new StringBuilder();
        for (ThreadInfo info : cycle) {
            Mover m = ours.get(info.getThreadId());
            report.append("  thread '").append(m.name).append("' running ").append(m.call()).append(" (")
                    .append(info.getThreadState()).append("): ").append(holdings(m)).append(", and waits for ")
                    .append(awaited(m, info)).append(System.lineSeparator()).append(studentFrames(info.getStackTrace()));
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
