package parallel;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.stream.Collectors;

/** Which threads are alive, which of them belong to the JDK rather than to the code under test, and how to name them. */
final class Threads {

    private Threads() {
    }

    /** The platform threads alive right now. */
    static Set<Thread> alive() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /**
     * Threads that the JDK shares between all code and keeps on its own terms: the common pool's workers, the carrier
     * threads of virtual threads, and the JVM's system threads.
     */
    static boolean ownedByJdk(Thread t) {
        if (t instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool()) {
            return true;
        }
        if (t.getClass().getName().equals("jdk.internal.misc.CarrierThread")) {
            return true;
        }
        ThreadGroup group = t.getThreadGroup();
        return group != null && (group.getName().equals("system") || group.getName().equals("InnocuousThreadGroup"));
    }

    static boolean isCommonPoolWorker(Thread t) {
        return t instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool();
    }

    static String name(Thread t) {
        String name = t.getName();
        if (t.isVirtual()) {
            return "a virtual thread" + (name.isEmpty() ? "" : " '" + name + "'");
        }
        return "'" + name + "'";
    }

    /** The thread's name, state and where it waits, e.g. 'pool-1-thread-1' (WAITING in ThreadPoolExecutor.getTask). */
    static String describe(Thread t) {
        List<StackTraceElement> frames = Arrays.asList(t.getStackTrace());
        String where = frames.stream()
                .filter(f -> !f.getClassName().startsWith("jdk.internal.")
                        && !f.getClassName().equals("java.lang.Object")
                        && !f.getClassName().equals("java.lang.Thread")
                        && !f.getClassName().startsWith("java.util.concurrent.locks."))
                .limit(1)
                .map(f -> " in " + f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .collect(Collectors.joining());
        return "%s (%s%s)".formatted(name(t), t.getState(), where);
    }
}
