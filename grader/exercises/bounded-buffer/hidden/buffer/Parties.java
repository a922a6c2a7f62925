package buffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * The threads of one scene around an OrderQueue, and what the JVM's own counters say about them: whether a thread
 * that must wait is parked without a timeout (state WAITING in Object.wait or LockSupport.park), polls (TIMED_WAITING)
 * or spins (RUNNABLE, burning CPU), and, when the scene stops moving, where each thread is parked. No verdict here
 * depends on wall time alone: a thread the machine did not run (RUNNABLE, little CPU) makes a check inconclusive.
 */
final class Parties implements AutoCloseable {

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** CPU a thread blocked in put or take may use before it counts as spinning; a parked call needs microseconds. */
    static final Duration SPIN_CPU = Duration.ofMillis(150);
    /** Samples in TIMED_WAITING inside OrderQueue, never WAITING, over at least {@link #POLL_WINDOW}: polling. */
    static final int POLL_SAMPLES = 20;
    static final Duration POLL_WINDOW = Duration.ofMillis(200);
    /** Wall time after which a thread that neither parked nor used CPU was starved by the machine: inconclusive. */
    static final Duration STARVED_CAP = Duration.ofSeconds(10);
    /** A scene at rest is seen at rest twice this far apart (no thread woke in between) before it counts as stuck. */
    static final Duration CONFIRM_AFTER = Duration.ofMillis(200);

    static {
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    /** One thread of the scene: what it does, and how its call ended. */
    static final class Party {
        final String name;
        final Thread thread;
        volatile Object result;
        volatile Throwable error;
        volatile boolean done;

        Party(String name, Callable<?> body) {
            this.name = name;
            this.thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> {
                try {
                    result = body.call();
                } catch (Throwable t) {
                    error = t;
                } finally {
                    done = true;
                }
            });
        }

        long cpu() {
            return Math.max(0, THREADS.getThreadCpuTime(thread.threadId()));
        }

        ThreadInfo info() {
            return THREADS.getThreadInfo(new long[] {thread.threadId()}, false, false)[0];
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** How a thread that had to wait was seen waiting. */
    enum Wait { PARKED, POLLING, SPINNING, RETURNED }

    private final List<Party> parties = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();

    Party start(String name, Callable<?> body) {
        Party party = new Party(name, body);
        parties.add(party);
        party.thread.start();
        return party;
    }

    /** Runs at the end of the scene, after every party has been interrupted (e.g. close the queue, so spinners end). */
    void onClose(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    List<Party> all() {
        return List.copyOf(parties);
    }

    /**
     * Waits until {@code party}, which must block in {@code call}, is parked in OrderQueue without a timeout; fails when
     * it polls or spins instead, or when it returns although it had to wait; aborts as inconclusive when the machine
     * did not run it. {@code why} says why it must wait ("the queue is empty").
     */
    Wait awaitParked(Party party, String call, String why) {
        return awaitWaiting(party, call, why, true);
    }

    /**
     * Waits until {@code party} waits in OrderQueue in its own way: parked, or (unlike {@link #awaitParked}) seen
     * polling or spinning there for the same windows that would fail it, which scenes about other promises accept.
     */
    Wait awaitWaiting(Party party, String call, String why) {
        return awaitWaiting(party, call, why, false);
    }

    private Wait awaitWaiting(Party party, String call, String why, boolean strict) {
        long start = System.nanoTime();
        long cpu0 = party.cpu();
        int timed = 0;
        long firstTimed = 0;
        while (true) {
            if (party.done) {
                return Wait.RETURNED;
            }
            ThreadInfo info = THREADS.getThreadInfo(new long[] {party.thread.threadId()}, false, false)[0];
            StackTraceElement[] stack = party.thread.getStackTrace();
            if (info == null) {
                continue;
            }
            boolean inQueue = inQueue(stack);
            Thread.State state = info.getThreadState();
            if (state == Thread.State.WAITING && inQueue && parkedFrame(stack)) {
                return Wait.PARKED;
            }
            long now = System.nanoTime();
            if (state == Thread.State.TIMED_WAITING && inQueue) {
                if (timed++ == 0) {
                    firstTimed = now;
                }
                if (timed >= POLL_SAMPLES && now - firstTimed >= POLL_WINDOW.toNanos()) {
                    if (!strict) {
                        return Wait.POLLING;
                    }
                    fail(("%s polls instead of waiting: %s must wait because %s, and in %d looks over %d ms the thread "
                            + "was always TIMED_WAITING (a wait with a timeout or a sleep) and never WAITING, so it wakes "
                            + "up again and again to look whether it may go on. It is here: %s. Wait without a timeout "
                            + "(wait() or await() in a while loop) and let the thread that changes the queue wake it.")
                            .formatted(party, call, why, timed, (now - firstTimed) / 1_000_000, excerpt(stack)));
                }
            }
            long used = party.cpu() - cpu0;
            if (used >= SPIN_CPU.toNanos() && inQueue) {
                if (!strict) {
                    return Wait.SPINNING;
                }
                fail(("%s spins instead of waiting: %s must wait because %s, and the thread used %d ms of CPU in %d ms "
                        + "without ever being parked (a waiting thread uses none). It was last seen %s here: %s. Wait "
                        + "without a timeout (wait() or await() in a while loop) instead of looping until the queue changes.")
                        .formatted(party, call, why, used / 1_000_000, (now - start) / 1_000_000, state, excerpt(stack)));
            }
            if (now - start >= STARVED_CAP.toNanos()) {
                Assumptions.abort(("inconclusive: the machine is too busy: in %d s %s, which must wait in %s because %s, "
                        + "got %d ms of CPU and was never seen parked; state %s at %s")
                        .formatted(STARVED_CAP.toSeconds(), party, call, why, used / 1_000_000, state, excerpt(stack)));
            }
            Thread.onSpinWait();
            sleepQuietly(2);
        }
    }

    /**
     * Waits until every party has returned; when instead the scene comes to rest with parties parked for good (seen
     * parked twice, {@link #CONFIRM_AFTER} apart, none woken in between), returns those parties; fails on a party that
     * spins and aborts as inconclusive when the machine did not run them.
     */
    List<Party> awaitSettled(Duration cap) {
        long start = System.nanoTime();
        String rest = null;
        long restAt = 0;
        long cpu0 = parties.stream().mapToLong(Party::cpu).sum();
        while (true) {
            List<Party> alive = parties.stream().filter(p -> !p.done).toList();
            if (alive.isEmpty()) {
                joinAll();
                return List.of();
            }
            String snapshot = restingSnapshot(alive);
            long now = System.nanoTime();
            if (snapshot == null) {
                rest = null;
            } else if (!snapshot.equals(rest)) {
                rest = snapshot;
                restAt = now;
            } else if (now - restAt >= CONFIRM_AFTER.toNanos()) {
                return alive;
            }
            if (now - start >= cap.toNanos()) {
                long used = parties.stream().mapToLong(Party::cpu).sum() - cpu0;
                if (used >= SPIN_CPU.toNanos() * alive.size()) {
                    fail(("The threads never finished: after %d s %s still ran (%d ms of CPU between them) without "
                            + "getting anywhere: %s").formatted(cap.toSeconds(), names(alive), used / 1_000_000,
                            describe(alive)));
                }
                Assumptions.abort(("inconclusive: the machine is too busy: after %d s %s had not finished and got only "
                        + "%d ms of CPU: %s").formatted(cap.toSeconds(), names(alive), used / 1_000_000, describe(alive)));
            }
            sleepQuietly(5);
        }
    }

    /** A key of the waits of {@code alive} when every one is parked untimed in OrderQueue, else null. */
    private static String restingSnapshot(List<Party> alive) {
        StringBuilder key = new StringBuilder();
        for (Party p : alive) {
            ThreadInfo info = p.info();
            if (info == null || info.getThreadState() != Thread.State.WAITING || !inQueue(p.thread.getStackTrace())) {
                return null;
            }
            key.append(p.thread.threadId()).append('/').append(info.getWaitedCount()).append(' ');
        }
        return key.toString();
    }

    /** Each party's state and where in OrderQueue it waits, one clause each. */
    static String describe(List<Party> which) {
        return which.stream().map(p -> {
            ThreadInfo info = p.info();
            String state = info == null ? (p.done ? "finished" : "not started") : info.getThreadState().toString();
            String on = info == null || info.getLockName() == null ? "" : " on " + shortLock(info.getLockName());
            return p.name + " is " + state + on + " at " + excerpt(p.thread.getStackTrace());
        }).collect(Collectors.joining("; "));
    }

    static String names(List<Party> which) {
        return which.stream().map(p -> p.name).collect(Collectors.joining(" and "));
    }

    /** The top frame (where the thread is parked) and the frames of the student's class, innermost first. */
    static String excerpt(StackTraceElement[] stack) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < stack.length; i++) {
            StackTraceElement f = stack[i];
            boolean student = student(f.getClassName());
            if (i == 0 || student) {
                String at = student ? "OrderQueue." + f.getMethodName() + "(OrderQueue.java:" + f.getLineNumber() + ")"
                        : simple(f.getClassName()) + "." + f.getMethodName();
                frames.add(at);
            }
            if (i > 0 && !student && !frames.isEmpty() && student(stack[i - 1].getClassName())) {
                break;
            }
        }
        return frames.isEmpty() ? "(no stack)" : String.join(" < ", frames);
    }

    static boolean inQueue(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if (student(f.getClassName())) {
                return true;
            }
        }
        return false;
    }

    /** A class of the student's file: OrderQueue or one of its nested classes. */
    static boolean student(String className) {
        return className.equals("buffer.OrderQueue") || className.startsWith("buffer.OrderQueue$");
    }

    /** The thread is parked in a wait without a timeout: Object.wait() or LockSupport.park() near the top. */
    private static boolean parkedFrame(StackTraceElement[] stack) {
        for (int i = 0; i < Math.min(stack.length, 8); i++) {
            String c = stack[i].getClassName();
            String m = stack[i].getMethodName();
            if (c.startsWith("buffer.")) {
                return false;
            }
            if ((c.equals("java.lang.Object") && m.startsWith("wait")) || (c.equals("java.util.concurrent.locks.LockSupport")
                    && m.equals("park"))) {
                return true;
            }
        }
        return false;
    }

    private static String shortLock(String lockName) {
        int at = lockName.indexOf('@');
        String type = at < 0 ? lockName : lockName.substring(0, at);
        return simple(type);
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void joinAll() {
        for (Party p : parties) {
            try {
                p.thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%d ms", nanos / 1_000_000);
    }

    /** Interrupts the parties still running and runs the clean-ups on a daemon thread, so a stuck queue cannot hang the run. */
    @Override
    public void close() {
        List<Party> alive = parties.stream().filter(p -> !p.done).toList();
        alive.forEach(p -> p.thread.interrupt());
        if (!cleanups.isEmpty()) {
            Thread.ofPlatform().daemon().name("scene-cleanup").start(() -> cleanups.forEach(c -> {
                try {
                    c.run();
                } catch (RuntimeException ignored) {
                    // a broken queue may throw while it is cleaned up; the check has already said what is wrong
                }
            }));
        }
        for (Party p : alive) {
            try {
                p.thread.join(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
