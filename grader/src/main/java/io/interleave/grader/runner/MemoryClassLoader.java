package io.interleave.grader.runner;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Defines the compiled classes of a run from memory, all at once and before any of them runs, then forgets
 * their bytes: nothing a student class can reach (reflection included) still holds the class files of the
 * hidden tests. The classes have no resources, and the grader's bundled exercises are not visible through it.
 */
final class MemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> pending;
    private final Map<String, String> failed = new HashMap<>();

    MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super("interleave-submission", parent);
        this.pending = new HashMap<>(classes);
        for (String name : List.copyOf(classes.keySet())) {
            try {
                loadClass(name);
            } catch (ClassNotFoundException | LinkageError e) {
                failed.putIfAbsent(name, e.toString());
            }
        }
        pending.clear();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = pending.remove(name);
        if (bytes == null) {
            String reason = failed.get(name);
            throw new ClassNotFoundException(reason == null ? name : name + " could not be defined: " + reason);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** The class of that name this loader has defined, or null. */
    Class<?> defined(String name) {
        return findLoadedClass(name);
    }

    @Override
    public URL getResource(String name) {
        return hidden(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws java.io.IOException {
        return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    private static boolean hidden(String name) {
        return name.startsWith(io.interleave.grader.run.RunnerClassPath.EXERCISES)
                || name.startsWith("/" + io.interleave.grader.run.RunnerClassPath.EXERCISES);
    }
}
