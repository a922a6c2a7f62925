package deadlock;

import java.lang.management.LockInfo;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Watches transfer threads that must make progress and tells, without depending on how busy the machine is, a
 * deadlock from a livelock, from threads parked for good, and from threads the machine simply did not run.
 *
 * <ul>
 *   <li><b>Deadlock</b>: a cycle of untimed waits (WAITING or BLOCKED on a lock owned by the next thread of the
 *   cycle), read from one snapshot of all the watched threads, and seen again, the same threads on the same locks
 *   with no wake-up in between, in a second snapshot at least {@link #CONFIRM_AFTER} later with no progress.
 *   A cycle that includes a timed wait ({@code tryLock(timeout)}, {@code parkNanos}) is not a deadlock: the timeout
 *   breaks it, so it is never reported as one.</li>
 *   <li><b>Parked</b>: no transfer finished for {@link #NO_PROGRESS}, and in most of the snapshots of that time
 *   every unfinished thread was waiting (parked, sleeping, in a timed {@code tryLock}), not runnable: they wait for
 *   a lock that nobody is going to release. A thread the machine does not run is RUNNABLE, so load alone never
 *   looks like this.</li>
 *   <li><b>Livelock</b>: no progress for {@link #NO_PROGRESS} while the unfinished threads were mostly runnable and
 *   had at least {@link #MIN_CPU} of CPU between them: they ran, and retried, and nobody got anywhere.</li>
 *   <li><b>Starved</b>: no progress for {@link #STARVED_CAP}, yet the threads got less than {@link #MIN_CPU}: the
 *   machine did not run them, so nothing can be concluded (the check is inconclusive, never failed).</li>
 * </ul>
 * Measured on the 2-core grading machine: a correct transfer needs microseconds of CPU; a livelocked pair of
 * spinning retries burns about 1 s of CPU per second of wall time; {@code tryLock(1 ms)} retries that time out
 * over and over still use some milliseconds of CPU per second, so 3 s at {@link #MIN_CPU} separates them.
 */
final class LivenessWatch {

    /** What the watch concluded; {@code report} lines are built by the caller, which knows the accounts. */
    sealed interface Verdict {
        /** A confirmed cycle of untimed waits; {@code cycle} is the snapshot that confirmed it. */
        record Deadlock(List<ThreadInfo> cycle) implements Verdict {
        }

        /** No progress although the threads ran for {@code cpu} during {@code window}. */
        record Livelock(Duration window, Duration cpu) implements Verdict {
        }

        /** No progress; the unfinished threads were mostly all waiting (timed or not), in no deadlock cycle. */
        record Parked(Duration window) implements Verdict {
        }

        /** No progress, but the machine gave the threads only {@code cpu} in {@code window}. */
        record Starved(Duration window, Duration cpu) implements Verdict {
        }
    }

    /** The second snapshot of a cycle comes at least this long after the first. */
    static final Duration CONFIRM_AFTER = Duration.ofMillis(200);
    /** Wall time without any transfer finishing after which the threads' CPU use decides. */
    static final Duration NO_PROGRESS = Duration.ofSeconds(3);
    /** CPU the unfinished threads must have had, without progress, to count as a livelock. */
    static final Duration MIN_CPU = Duration.ofMillis(150);
    /** Wall time without progress and without enough CPU after which the check gives up as inconclusive. */
    static final Duration STARVED_CAP = Duration.ofSeconds(12);

    private final List<Thread> threads;
    private final LongSupplier progress;
    private final Map<Long, Long> lastCpu = new HashMap<>();
    private long lastProgress;
    private long progressAt;
    private long cpuAtProgress;
    private Snapshot pendingCycle;
    private long samples;
    private long allWaitingSamples;

    LivenessWatch(List<Thread> threads, LongSupplier progress) {
        this.threads = List.copyOf(threads);
        this.progress = progress;
        this.lastProgress = progress.getAsLong();
        this.progressAt = System.nanoTime();
        this.cpuAtProgress = cpu();
    }

    /** Looks once; null while nothing is decided (progress, or not yet long enough). */
    Verdict poll() {
        long now = System.nanoTime();
        long p = progress.getAsLong();
        if (p != lastProgress) {
            lastProgress = p;
            progressAt = now;
            cpuAtProgress = cpu();
            pendingCycle = null;
            samples = 0;
            allWaitingSamples = 0;
            return null;
        }
        List<Thread> alive = threads.stream().filter(Thread::isAlive).toList();
        if (alive.isEmpty()) {
            return null;
        }
        ThreadInfo[] infos = TransferScene.THREADS.getThreadInfo(alive.stream().mapToLong(Thread::threadId).toArray(),
                true, true);
        Snapshot cycle = cycle(infos, now);
        if (cycle == null) {
            pendingCycle = null;
        } else if (pendingCycle == null || !pendingCycle.sameWaits(cycle)) {
            pendingCycle = cycle;
        } else if (now - pendingCycle.at >= CONFIRM_AFTER.toNanos()) {
            return new Verdict.Deadlock(cycle.infos);
        }
        long still = now - progressAt;
        samples++;
        if (allWaiting(infos)) {
            allWaitingSamples++;
        }
        if (still < NO_PROGRESS.toNanos()) {
            return null;
        }
        Duration window = Duration.ofNanos(still);
        Duration used = Duration.ofNanos(Math.max(0, cpu() - cpuAtProgress));
        if (pendingCycle == null && allWaitingSamples * 2 >= samples) {
            return new Verdict.Parked(window);
        }
        if (used.compareTo(MIN_CPU) >= 0) {
            return new Verdict.Livelock(window, used);
        }
        if (still >= STARVED_CAP.toNanos()) {
            return new Verdict.Starved(window, used);
        }
        return null;
    }

    /** CPU time of all watched threads so far (a thread that ended keeps what it had when last seen alive). */
    private long cpu() {
        long total = 0;
        for (Thread t : threads) {
            long c = TransferScene.THREADS.getThreadCpuTime(t.threadId());
            if (c >= 0) {
                lastCpu.put(t.threadId(), c);
            }
            total += lastCpu.getOrDefault(t.threadId(), 0L);
        }
        return total;
    }

    private static boolean allWaiting(ThreadInfo[] infos) {
        for (ThreadInfo info : infos) {
            if (info != null && info.getThreadState() == Thread.State.RUNNABLE) {
                return false;
            }
        }
        return true;
    }

    private static boolean untimed(ThreadInfo info) {
        return info.getThreadState() == Thread.State.WAITING || info.getThreadState() == Thread.State.BLOCKED;
    }

    /** The cycle of untimed waits among {@code infos} (one consistent snapshot), or null when there is none. */
    private static Snapshot cycle(ThreadInfo[] infos, long at) {
        Map<Long, ThreadInfo> byId = new HashMap<>();
        for (ThreadInfo info : infos) {
            if (info != null) {
                byId.put(info.getThreadId(), info);
            }
        }
        for (ThreadInfo start : byId.values()) {
            List<ThreadInfo> path = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            ThreadInfo at0 = start;
            while (at0 != null && untimed(at0) && at0.getLockInfo() != null && seen.add(at0.getThreadId())) {
                path.add(at0);
                at0 = byId.get(at0.getLockOwnerId());
            }
            if (at0 != null && at0.getThreadId() == start.getThreadId() && path.size() >= 2) {
                return new Snapshot(path, at);
            }
        }
        return null;
    }

    /** A cycle as seen at one instant: its threads, the lock each waits on, and how often each had waited. */
    private record Snapshot(List<ThreadInfo> infos, long at) {
        Set<String> waits() {
            Set<String> waits = new HashSet<>();
            for (ThreadInfo info : infos) {
                LockInfo lock = info.getLockInfo();
                waits.add(info.getThreadId() + "@" + lock.getIdentityHashCode() + "/" + info.getWaitedCount() + "/"
                        + info.getBlockedCount());
            }
            return waits;
        }

        boolean sameWaits(Snapshot other) {
            return waits().equals(other.waits());
        }
    }
}
