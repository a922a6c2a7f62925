package limit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * The guests of one scene around a TastingRoom, the tastings they run, and what the JVM's own counters say about them.
 * A held tasting records that it started and then waits until the scene opens it, so whoever is inside stays inside
 * until the scene says otherwise; a guest counts as waiting for a seat only when it is seen in TastingRoom parked
 * (WAITING in a semaphore, a condition or Object.wait), blocked at a lock held by a guest who is tasting, polling
 * (TIMED_WAITING again and again) or spinning (CPU). A guest that is merely on its way (RUNNABLE with little CPU, or
 * blocked for a moment on a lock nobody keeps) is looked at again; when the machine gives the threads no CPU for
 * {@link #STARVED_CAP}, the check is inconclusive, never failed.
 */
final class Guests implements AutoCloseable {

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** CPU a waiting guest may use before it counts as spinning; a parked one uses microseconds. */
    static final Duration SPIN_CPU = Duration.ofMillis(150);
    /** Samples in TIMED_WAITING inside TastingRoom, never WAITING, over at least {@link #POLL_WINDOW}: polling. */
    static final int POLL_SAMPLES = 20;
    static final Duration POLL_WINDOW = Duration.ofMillis(200);
    /**
     * Wall time a scene may take before threads that got nowhere count as starved by the machine: inconclusive. It
     * stays below the 10 s the grader gives one check, so that a busy machine ends a check as inconclusive, not as
     * timed out.
     */
    static final Duration STARVED_CAP = Duration.ofSeconds(8);
    /** A scene at rest is seen at rest twice this far apart, no thread woken in between, before it counts as stuck. */
    static final Duration CONFIRM_AFTER = Duration.ofMillis(200);
    /** A held tasting gives up waiting for the scene after this long, so that no scene can hang the run. */
    static final Duration HOLD_CAP = Duration.ofSeconds(40);

    static {
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    /** One guest's thread: what it does, and how its call ended. */
    static final class Guest {
        final String name;
        final Thread thread;
        volatile Object result;
        volatile Throwable error;
        volatile boolean done;
        volatile long startedNanos;
        volatile long endedNanos;

        Guest(String name, Callable<?> body) {
            this.name = name;
            this.thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> {
                startedNanos = System.nanoTime();
                try {
                    result = body.call();
                } catch (Throwable t) {
                    error = t;
                } finally {
                    endedNanos = System.nanoTime();
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

        /** How the call ended, in words: "returned x", "threw e", "is still running". */
        String outcome() {
            if (!done) {
                return "is still running";
            }
            return error == null ? "returned " + quoted(result) : "threw " + error;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** How a guest was seen at one look. */
    enum Seen { PARKED, BLOCKED, TIMED, POLLING, SPINNING, ENTERED, RETURNED, MOVING }

    private final List<Guest> guests = new ArrayList<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<Long, String> insideNow = new ConcurrentHashMap<>();
    private final List<String> entries = new CopyOnWriteArrayList<>();
    private final List<String> lockNames = new CopyOnWriteArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final List<Runnable> cleanups = new ArrayList<>();
    private final long deadline = System.nanoTime() + STARVED_CAP.toNanos();

    /** Whether the scene has used up its {@link #STARVED_CAP}. */
    boolean overBudget() {
        return System.nanoTime() - deadline >= 0;
    }

    Guest start(String name, Callable<?> body) {
        Guest guest = new Guest(name, body);
        guests.add(guest);
        guest.thread.start();
        return guest;
    }

    void onClose(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    List<Guest> all() {
        return List.copyOf(guests);
    }

    /** A tasting called {@code label} that records its start and then lasts until {@link #open} is called for it. */
    Callable<String> held(String label) {
        CountDownLatch gate = gates.computeIfAbsent(label, l -> new CountDownLatch(1));
        return () -> {
            enter(label);
            try {
                if (!gate.await(HOLD_CAP.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the grader never let " + label + " finish");
                }
                return label;
            } finally {
                leave();
            }
        };
    }

    /** A tasting that records its start and then waits until {@code count} tastings of {@code together} have started. */
    Callable<String> together(String label, CountDownLatch together) {
        return () -> {
            enter(label);
            try {
                together.countDown();
                if (!together.await(HOLD_CAP.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(label + " never saw the others sit down");
                }
                return label;
            } finally {
                leave();
            }
        };
    }

    private void enter(String label) {
        insideNow.put(Thread.currentThread().threadId(), label);
        entries.add(label);
        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
    }

    private void leave() {
        inside.decrementAndGet();
        insideNow.remove(Thread.currentThread().threadId());
    }

    void open(String label) {
        gates.computeIfAbsent(label, l -> new CountDownLatch(1)).countDown();
    }

    boolean entered(String label) {
        return entries.contains(label);
    }

    /** The labels of the tastings in the order they started. */
    List<String> entries() {
        return List.copyOf(entries);
    }

    /** The labels of the tastings running now. */
    List<String> insideNow() {
        return List.copyOf(insideNow.values());
    }

    int inside() {
        return inside.get();
    }

    /** The most tastings that ever ran at once in this scene. */
    int most() {
        return most.get();
    }

    /** Every lock a guest was seen waiting on in TastingRoom, as the JVM names it (e.g. Semaphore$NonfairSync@1a2b). */
    List<String> lockNames() {
        return List.copyOf(lockNames);
    }

    /** Per guest, what a run of looks has seen of it so far. */
    private static final class Track {
        final long start = System.nanoTime();
        final long cpu0;
        int timed;
        long firstTimed;

        Track(Guest guest) {
            cpu0 = guest.cpu();
        }
    }

    /** One look at {@code guest}; {@code timedIsWaiting} counts a timed wait as waiting at once (a tryTaste). */
    private Seen look(Guest guest, Track track, String label, boolean timedIsWaiting) {
        if ((label != null && entered(label)) || insideNow.containsKey(guest.thread.threadId())) {
            return Seen.ENTERED;
        }
        if (guest.done) {
            return Seen.RETURNED;
        }
        ThreadInfo info = guest.info();
        StackTraceElement[] stack = guest.thread.getStackTrace();
        if (info == null || !inRoom(stack) || (label != null && entered(label))) {
            return Seen.MOVING;
        }
        long now = System.nanoTime();
        Seen seen = switch (info.getThreadState()) {
            case WAITING -> switch (untimedWait(stack)) {
                case PARKED -> Seen.PARKED;
                case LOCK_ENTRY -> ownerIsTasting(info) ? Seen.BLOCKED : Seen.MOVING;
                default -> Seen.MOVING;
            };
            case BLOCKED -> ownerIsTasting(info) ? Seen.BLOCKED : Seen.MOVING;
            case TIMED_WAITING -> {
                if (timedIsWaiting) {
                    yield Seen.TIMED;
                }
                if (track.timed++ == 0) {
                    track.firstTimed = now;
                }
                yield track.timed >= POLL_SAMPLES && now - track.firstTimed >= POLL_WINDOW.toNanos() ? Seen.POLLING : Seen.MOVING;
            }
            case RUNNABLE -> guest.cpu() - track.cpu0 >= SPIN_CPU.toNanos() ? Seen.SPINNING : Seen.MOVING;
            default -> Seen.MOVING;
        };
        if (seen != Seen.MOVING && info.getLockName() != null && !lockNames.contains(info.getLockName())) {
            lockNames.add(info.getLockName());
        }
        return seen;
    }

    /**
     * Looks at {@code guest} until it has started the tasting {@code label}, returned, or is seen waiting for a seat
     * in TastingRoom; aborts as inconclusive when the machine did not run it. {@code timedIsWaiting}: a timed wait
     * counts as waiting at once (a tryTaste); otherwise it must be seen polling for the poll window.
     */
    Seen awaitWaiting(Guest guest, String label, boolean timedIsWaiting, String what) {
        Track track = new Track(guest);
        while (true) {
            Seen seen = look(guest, track, label, timedIsWaiting);
            if (seen != Seen.MOVING) {
                return seen;
            }
            if (overBudget()) {
                Assumptions.abort(("inconclusive: the machine is too busy: in %d s %s (%s) got %d ms of CPU and was "
                        + "neither seen tasting nor waiting for a seat: %s").formatted(STARVED_CAP.toSeconds(), guest,
                        what, (guest.cpu() - track.cpu0) / 1_000_000, describe(List.of(guest))));
            }
            sleepQuietly(2);
        }
    }

    /** What a scene that stopped moving looks like. */
    record Rest(List<Guest> waiting, List<String> inside, String picture) {
    }

    /**
     * Waits until every guest of {@code watched} has returned, started its tasting ({@code labels}, same order; null
     * for none) and stays in it, or waits for a seat; returns when that state holds twice {@link #CONFIRM_AFTER} apart
     * with no thread woken in between. {@code stopEarly} ends the wait at once when it turns true (a violation seen).
     * Aborts as inconclusive when the machine did not run the guests.
     */
    Rest awaitRest(List<Guest> watched, List<String> labels, java.util.function.BooleanSupplier stopEarly) {
        Map<Guest, Track> tracks = new java.util.HashMap<>();
        watched.forEach(g -> tracks.put(g, new Track(g)));
        long start = System.nanoTime();
        long cpu0 = watched.stream().mapToLong(Guest::cpu).sum();
        String rest = null;
        long restAt = 0;
        while (true) {
            if (stopEarly.getAsBoolean()) {
                return rest(watched);
            }
            StringBuilder key = new StringBuilder();
            boolean settled = true;
            for (int i = 0; i < watched.size(); i++) {
                Guest g = watched.get(i);
                String label = labels == null ? null : labels.get(i);
                Seen seen = look(g, tracks.get(g), label, true);
                if (seen == Seen.MOVING) {
                    settled = false;
                    break;
                }
                ThreadInfo info = g.info();
                boolean still = seen == Seen.PARKED || seen == Seen.BLOCKED;
                key.append(g.name).append('=').append(seen).append('/')
                        .append(info == null || !still ? 0 : info.getWaitedCount() + info.getBlockedCount()).append(' ');
            }
            key.append(entries.size());
            long now = System.nanoTime();
            if (!settled) {
                rest = null;
            } else if (!key.toString().equals(rest)) {
                rest = key.toString();
                restAt = now;
            } else if (now - restAt >= CONFIRM_AFTER.toNanos()) {
                return rest(watched);
            }
            if (overBudget()) {
                long used = watched.stream().mapToLong(Guest::cpu).sum() - cpu0;
                Assumptions.abort(("inconclusive: the machine is too busy: after %d s the guests had not come to rest "
                        + "and got %d ms of CPU between them: %s").formatted(STARVED_CAP.toSeconds(), used / 1_000_000,
                        describe(watched)));
            }
            sleepQuietly(3);
        }
    }

    private Rest rest(List<Guest> watched) {
        List<Guest> waiting = watched.stream().filter(g -> !g.done && !insideNow.containsKey(g.thread.threadId())).toList();
        return new Rest(waiting, insideNow(), describe(waiting));
    }

    /** Waits until {@code guest} has returned; fails with its stack when it is seen waiting in the room instead. */
    void awaitReturn(Guest guest, String what) {
        Track track = new Track(guest);
        long confirmFrom = 0;
        while (!guest.done) {
            Seen seen = look(guest, track, null, false);
            long now = System.nanoTime();
            if (seen == Seen.PARKED || seen == Seen.BLOCKED || seen == Seen.POLLING || seen == Seen.SPINNING) {
                if (confirmFrom == 0) {
                    confirmFrom = now;
                } else if (now - confirmFrom >= CONFIRM_AFTER.toNanos() * 5) {
                    fail("%s, and then it never returned: %s.", what, describe(List.of(guest)));
                }
            } else {
                confirmFrom = 0;
            }
            if (overBudget()) {
                Assumptions.abort("inconclusive: the machine is too busy: %s had not returned after %d s (%s): %s"
                        .formatted(guest, STARVED_CAP.toSeconds(), what, describe(List.of(guest))));
            }
            sleepQuietly(2);
        }
        join(guest);
    }

    /** Waits until the tasting {@code label}, opened by the scene, has ended; aborts when the machine did not run it. */
    void awaitLeft(String label) {
        long start = System.nanoTime();
        while (insideNow.containsValue(label)) {
            if (overBudget()) {
                Assumptions.abort("inconclusive: the machine is too busy: the tasting " + label + " was let finish and "
                        + "had not ended " + STARVED_CAP.toSeconds() + " s later");
            }
            sleepQuietly(1);
        }
    }

    /** Each guest's state and where in TastingRoom it waits, one clause each: the thread dump of a stuck scene. */
    static String describe(List<Guest> which) {
        if (which.isEmpty()) {
            return "(nobody)";
        }
        return which.stream().map(g -> {
            if (g.done) {
                return g.name + " has left (it " + g.outcome() + ")";
            }
            if (!inRoom(g.thread.getStackTrace()) && excerpt(g.thread.getStackTrace()).contains("TastingRoom.")) {
                return g.name + " is tasting (in its tasting, called from " + excerpt(g.thread.getStackTrace()) + ")";
            }
            ThreadInfo info = g.info();
            String state = info == null ? "not started" : info.getThreadState().toString();
            String on = info == null || info.getLockName() == null ? "" : " on " + shortLock(info.getLockName());
            String owner = info == null || info.getLockOwnerName() == null ? "" : " held by " + info.getLockOwnerName();
            return g.name + " is " + state + on + owner + " at " + excerpt(g.thread.getStackTrace());
        }).collect(Collectors.joining("; "));
    }

    static String names(List<Guest> which) {
        return which.stream().map(g -> g.name).collect(Collectors.joining(", "));
    }

    /** The top frame (where the thread waits) and the frames of the student's class, innermost first. */
    static String excerpt(StackTraceElement[] stack) {
        List<String> frames = new ArrayList<>();
        boolean seenStudent = false;
        for (int i = 0; i < stack.length; i++) {
            StackTraceElement f = stack[i];
            boolean student = student(f.getClassName());
            if (i == 0 || student) {
                frames.add(student ? "TastingRoom." + f.getMethodName() + "(TastingRoom.java:" + f.getLineNumber() + ")"
                        : simple(f.getClassName()) + "." + f.getMethodName());
            }
            if (seenStudent && !student) {
                break;
            }
            seenStudent |= student;
        }
        return frames.isEmpty() ? "(no stack)" : String.join(" < ", frames);
    }

    /**
     * The thread is in TastingRoom's own code: the innermost frame of package limit is TastingRoom's (not a tasting of
     * the scene, which runs inside taste or tryTaste and so has TastingRoom frames further down).
     */
    static boolean inRoom(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith("limit.")) {
                return student(f.getClassName());
            }
        }
        return false;
    }

    /** A class of the student's file: TastingRoom or one of its nested classes. */
    static boolean student(String className) {
        return className.equals("limit.TastingRoom") || className.startsWith("limit.TastingRoom$");
    }

    /**
     * The guest waits in TastingRoom without a timeout: parked (WAITING in a semaphore, a condition or Object.wait), or
     * blocked at a lock that a guest who is tasting holds.
     */
    boolean waitsWithoutTimeout(Guest guest) {
        Seen seen = look(guest, new Track(guest), null, true);
        return seen == Seen.PARKED || seen == Seen.BLOCKED;
    }

    private enum Untimed { PARKED, LOCK_ENTRY, OTHER }

    /**
     * What an untimed WAITING thread waits in: parked for a seat (Object.wait, Condition.await, a Semaphore or other
     * shared acquire), or at the entry of a ReentrantLock (or the re-locking after a Condition is signalled), which
     * counts as waiting only while the lock's owner is tasting.
     */
    private static Untimed untimedWait(StackTraceElement[] stack) {
        boolean relocking = false;
        for (int i = 0; i < Math.min(stack.length, 12); i++) {
            String c = stack[i].getClassName();
            String m = stack[i].getMethodName();
            if (c.startsWith("limit.")) {
                return Untimed.OTHER;
            }
            if (c.startsWith("java.util.concurrent.locks.AbstractQueued") && m.equals("acquire")) {
                relocking = true;
            }
            if (c.equals("java.lang.Object") && m.startsWith("wait")) {
                return Untimed.PARKED;
            }
            if (c.equals("java.util.concurrent.locks.LockSupport") && m.equals("park") && i + 1 < stack.length
                    && student(stack[i + 1].getClassName())) {
                return Untimed.PARKED;
            }
            if (c.endsWith("AbstractQueuedSynchronizer$ConditionObject") || c.endsWith("AbstractQueuedLongSynchronizer$ConditionObject")) {
                return relocking ? Untimed.LOCK_ENTRY : Untimed.PARKED;
            }
            if (c.startsWith("java.util.concurrent.locks.AbstractQueued") && m.startsWith("acquireShared")) {
                return Untimed.PARKED;
            }
            if (c.startsWith("java.util.concurrent.locks.ReentrantLock") || c.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock")) {
                return Untimed.LOCK_ENTRY;
            }
        }
        return Untimed.OTHER;
    }

    /** The lock {@code info}'s thread waits for is held by a guest who is inside a tasting (so it stays held). */
    private boolean ownerIsTasting(ThreadInfo info) {
        long owner = info.getLockOwnerId();
        return owner >= 0 && insideNow.containsKey(owner);
    }

    static String shortLock(String lockName) {
        int at = lockName.indexOf('@');
        return simple(at < 0 ? lockName : lockName.substring(0, at));
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    static String quoted(Object value) {
        return value == null ? "null" : value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Guest guest) {
        try {
            guest.thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Opens every gate, interrupts the guests still waiting and runs the clean-ups, so a broken room cannot hang the run. */
    @Override
    public void close() {
        gates.values().forEach(CountDownLatch::countDown);
        for (Guest g : guests) {
            if (!g.done) {
                try {
                    g.thread.join(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        guests.stream().filter(g -> !g.done).forEach(g -> g.thread.interrupt());
        cleanups.forEach(Runnable::run);
    }
}
