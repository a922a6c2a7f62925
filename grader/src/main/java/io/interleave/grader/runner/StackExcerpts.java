package io.interleave.grader.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Short stack excerpts of the threads student code is running, for timeout and exit reports. */
final class StackExcerpts {
    private static final Set<String> JVM_THREADS = Set.of("Reference Handler", "Finalizer", "Signal Dispatcher",
            "Common-Cleaner", "Notification Thread", "Attach Listener", "process reaper", "DestroyJavaVM");
    private static final int FRAMES = 6;

    private StackExcerpts() {
    }

    /** One line per thread that is not the grader's own: name, state and its top frames. */
    static List<String> ofStudentThreads(Predicate<String> isStudentClass) {
        List<String> threads = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread.getName().startsWith("interleave-") || JVM_THREADS.contains(thread.getName()) || entry.getValue().length == 0) {
                continue;
            }
            String frames = frames(entry.getValue(), isStudentClass);
            if (!frames.isEmpty()) {
                threads.add("thread '" + thread.getName() + "' (" + thread.getState() + ") " + frames);
            }
            if (threads.size() == 12) {
                break;
            }
        }
        return threads;
    }

    /** The frames of student code in {@code stack}, at most a few; empty when the thread is not in student code. */
    static String frames(StackTraceElement[] stack, Predicate<String> isStudentClass) {
        List<String> parts = new ArrayList<>();
        for (StackTraceElement frame : stack) {
            if (isStudentClass.test(frame.getClassName()) && parts.size() < FRAMES) {
                parts.add("at " + frame);
            }
        }
        return String.join(" ", parts);
    }

    /** The first frame below a System.exit/Runtime.exit call in any thread, or a generic phrase. */
    static String exitCaller() {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            boolean inExit = false;
            for (StackTraceElement frame : stack) {
                boolean exitFrame = (frame.getClassName().equals("java.lang.Runtime") || frame.getClassName().equals("java.lang.System")
                        || frame.getClassName().equals("java.lang.Shutdown")) && frame.getMethodName().equals("exit");
                if (exitFrame) {
                    inExit = true;
                } else if (inExit) {
                    return frame.toString();
                }
            }
        }
        return "an unknown place";
    }
}
