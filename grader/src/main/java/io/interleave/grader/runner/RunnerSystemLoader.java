package io.interleave.grader.runner;

/**
 * The system class loader of a grading JVM that offers the model checker. Lincheck defines the classes that drive
 * its threads in a loader whose parent is the system class loader, and those classes call the run's classes, which
 * live in a {@link MemoryClassLoader}; this loader hands them over once the run has defined them. Everything else it
 * leaves to its parent, the usual application class loader.
 */
public final class RunnerSystemLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private volatile MemoryClassLoader run;

    public RunnerSystemLoader(ClassLoader parent) {
        super("interleave-system", parent);
    }

    /**
     * Called by the JVM for each {@code -javaagent} jar before the agent starts: the grader only gives agents that
     * are already on the class path, which the parent loader reads.
     */
    @SuppressWarnings("unused")
    private void appendToClassPathForInstrumentation(String jar) {
        java.nio.file.Path agent = java.nio.file.Path.of(jar).toAbsolutePath().normalize();
        boolean onClassPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> java.nio.file.Path.of(e).toAbsolutePath().normalize()).anyMatch(agent::equals);
        if (!onClassPath) {
            throw new IllegalStateException("the agent " + jar + " is not on the grading JVM's class path");
        }
    }

    void expose(MemoryClassLoader classes) {
        run = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        MemoryClassLoader classes = run;
        Class<?> defined = classes == null ? null : classes.defined(name);
        if (defined == null) {
            throw new ClassNotFoundException(name);
        }
        return defined;
    }
}
