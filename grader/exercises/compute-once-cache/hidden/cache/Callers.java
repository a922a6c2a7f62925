package cache;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

/**
 * The threads of one scene around a RecipeCache, and what the JVM says about them: whether a caller is inside a brew,
 * waiting in the cache (WAITING, BLOCKED or TIMED_WAITING in RecipeCache's code, outside any brew), spinning there, or
 * done. A wait is a state the JVM reports, seen without a break for a while, never a slow call measured by the clock;
 * a thread the machine did not run makes the check inconclusive, not failed.
 */
final class Callers implements AutoCloseable {

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** A caller seen waiting in the cache in every look over this window (and at least {@link #WAIT_LOOKS} looks). */
    static final Duration WAIT_WINDOW = Duration.ofMillis(300);
    static final int WAIT_LOOKS = 10;
    /** CPU a caller may burn in the cache, outside a brew, before it counts as waiting by spinning. */
    static final Duration SPIN_CPU = Duration.ofMillis(150);
    /** Wall time after which a thread that neither moved nor waited was starved by the machine: inconclusive. */
    static final Duration STARVED_CAP = Duration.ofSeconds(15);

    static {
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    /** One caller of the scene: its thread and how its call ended. */
    static final class Caller {
        final String name;
        final Thread thread;
        volatile Object result;
        volatile Throwable error;
        volatile boolean done;

        Caller(String name, Callable<?> body) {
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
            return THREADS.getThreadInfo(thread.threadId());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** How a caller that had to wait (or might brew) was seen. */
    enum Seen { WAITING, SPINNING, BREWING, RETURNED }

    private final Kitchen kitchen;
    private final List<Caller> callers = new ArrayList<>();

    Callers(Kitchen kitchen) {
        this.kitchen = kitchen;
    }

    Caller start(String name, Callable<?> body) {
        Caller caller = new Caller(name, body);
        callers.add(caller);
        caller.thread.start();
        return caller;
    }

    /** Waits until {@code condition} holds; aborts as inconclusive when the machine does not get there in time. */
    void await(BooleanSupplier condition, String what) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start >= STARVED_CAP.toNanos()) {
                Assumptions.abort("inconclusive: the machine is too busy: in %d s %s did not happen; %s"
                        .formatted(STARVED_CAP.toSeconds(), what, describe(callers)));
            }
            sleepQuietly(1);
        }
    }

    /**
     * Watches {@code caller} until it is seen waiting in the cache outside any brew (every look over
     * {@link #WAIT_WINDOW}), spinning there, inside a brew of its own ({@code brewed} turned true), or returned; aborts as
     * inconclusive when the machine does not run it.
     */
    Seen watch(Caller caller, BooleanSupplier brewed) {
        long start = System.nanoTime();
        long cpu0 = caller.cpu();
        long waitingSince = -1;
        int looks = 0;
        while (true) {
            if (brewed.getAsBoolean()) {
                return Seen.BREWING;
            }
            if (caller.done) {
                return Seen.RETURNED;
            }
            long now = System.nanoTime();
            ThreadInfo info = caller.info();
            StackTraceElement[] stack = caller.thread.getStackTrace();
            boolean inCache = inCache(stack) && !kitchen.isBrewing(caller.thread);
            Thread.State state = info == null ? Thread.State.NEW : info.getThreadState();
            boolean waiting = inCache && (state == Thread.State.WAITING || state == Thread.State.BLOCKED
                    || state == Thread.State.TIMED_WAITING);
            if (waiting) {
                if (waitingSince < 0) {
                    waitingSince = now;
                    looks = 0;
                }
                if (++looks >= WAIT_LOOKS && now - waitingSince >= WAIT_WINDOW.toNanos()
                        && !brewed.getAsBoolean() && !caller.done) {
                    return Seen.WAITING;
                }
            } else {
                waitingSince = -1;
            }
            if (inCache && state == Thread.State.RUNNABLE && caller.cpu() - cpu0 >= SPIN_CPU.toNanos()
                    && !brewed.getAsBoolean() && !caller.done) {
                return Seen.SPINNING;
            }
            if (now - start >= STARVED_CAP.toNanos()) {
                Assumptions.abort("inconclusive: the machine is too busy: in %d s %s got %d ms of CPU and was neither "
                        .formatted(STARVED_CAP.toSeconds(), caller, (caller.cpu() - cpu0) / 1_000_000)
                        + "seen waiting, nor brewing, nor done; " + describe(List.of(caller)));
            }
            sleepQuietly(2);
        }
    }

    /** Waits until every caller has returned; returns those that did not within the cap (each described by the caller). */
    List<Caller> awaitDone(Duration cap) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < cap.toNanos()) {
            if (callers.stream().allMatch(c -> c.done)) {
                return List.of();
            }
            sleepQuietly(2);
        }
        return callers.stream().filter(c -> !c.done).toList();
    }

    /**
     * True when {@code stuck} are all parked or blocked (not running, not starved): seen so in every look over
     * {@link #WAIT_WINDOW} with their wait and block counts unchanged, i.e. nobody woke them in between.
     */
    static boolean parkedForGood(List<Caller> stuck) {
        String first = parkedKey(stuck);
        if (first == null) {
            return false;
        }
        long start = System.nanoTime();
        while (System.nanoTime() - start < WAIT_WINDOW.toNanos()) {
            sleepQuietly(20);
            if (!first.equals(parkedKey(stuck))) {
                return false;
            }
        }
        return true;
    }

    private static String parkedKey(List<Caller> which) {
        StringBuilder key = new StringBuilder();
        for (Caller c : which) {
            ThreadInfo info = c.info();
            if (c.done || info == null || (info.getThreadState() != Thread.State.WAITING
                    && info.getThreadState() != Thread.State.BLOCKED)) {
                return null;
            }
            key.append(c.name).append(info.getWaitedCount()).append('/').append(info.getBlockedCount()).append(' ');
        }
        return key.toString();
    }

    /** Each caller's state, the lock it waits for and who holds it, and where it is, one clause each. */
    static String describe(List<Caller> which) {
        return which.stream().map(Callers::describe).collect(Collectors.joining("; "));
    }

    static String describe(Caller c) {
        if (c.done) {
            return c.name + " has returned";
        }
        ThreadInfo info = c.info();
        if (info == null) {
            return c.name + " has not started";
        }
        String on = info.getLockName() == null ? "" : " on " + shortLock(info.getLockName());
        String owner = info.getLockOwnerName() == null ? "" : " held by " + info.getLockOwnerName();
        return c.name + " is " + info.getThreadState() + on + owner + " at " + excerpt(c.thread.getStackTrace());
    }

    /** The top frame (where the thread waits) and the frames of RecipeCache's code and of the brew, innermost first. */
    static String excerpt(StackTraceElement[] stack) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < stack.length && frames.size() < 8; i++) {
            StackTraceElement f = stack[i];
            if (student(f.getClassName())) {
                frames.add("RecipeCache." + f.getMethodName() + "(RecipeCache.java:" + f.getLineNumber() + ")");
            } else if (f.getClassName().equals(Kitchen.class.getName()) && f.getMethodName().equals("apply")) {
                if (frames.isEmpty() || !frames.get(frames.size() - 1).equals("the brew")) { // apply(Object) bridges to apply(String)
                    frames.add("the brew");
                }
            } else if (i == 0) {
                frames.add(simple(f.getClassName()) + "." + f.getMethodName());
            }
        }
        return frames.isEmpty() ? "(no stack)" : String.join(" < ", frames);
    }

    /** The frames of a thrown exception that are in RecipeCache, and the exception's own first frame. */
    static String where(Throwable t) {
        return t.getClass().getName() + ": " + t.getMessage() + " at " + excerpt(t.getStackTrace());
    }

    static boolean inCache(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if (student(f.getClassName())) {
                return true;
            }
        }
        return false;
    }

    /** A class of the student's file: RecipeCache or one of its nested classes. */
    static boolean student(String className) {
        return className.equals("cache.RecipeCache") || className.startsWith("cache.RecipeCache$");
    }

    private static String shortLock(String lockName) {
        int at = lockName.indexOf('@');
        return simple(at < 0 ? lockName : lockName.substring(0, at));
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

    /** Opens every gate of the kitchen and waits a little for the callers, so a stuck cache cannot hang the run. */
    @Override
    public void close() {
        kitchen.releaseAll();
        for (Caller c : callers) {
            try {
                c.thread.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!c.done) {
                c.thread.interrupt();
            }
        }
    }
}
