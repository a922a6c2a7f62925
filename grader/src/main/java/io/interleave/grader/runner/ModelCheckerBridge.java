package io.interleave.grader.runner;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;

/**
 * Lets Lincheck's model checker find the classes of a run, which live in a {@link MemoryClassLoader} it does not
 * know. Before it explores a scenario it looks up, by name, every class of the objects the scenario reaches, with
 * {@code Class.forName} from its own class loader; it asks a cache first, so the run's classes are put there. The
 * classes it generates to drive its threads resolve through the system class loader, a {@link RunnerSystemLoader}
 * that is handed the run's loader. Only in grading JVMs started for the model-checker tool (they carry
 * {@link #PROPERTY}).
 */
final class ModelCheckerBridge {
    /** The system property the grader sets on a grading JVM that offers the model checker. */
    static final String PROPERTY = "interleave.model-checker";
    private static final String CACHE_CLASS = "org.jetbrains.lincheck.util.ClassCache";

    private ModelCheckerBridge() {
    }

    static boolean wanted() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Registers {@code names}, already defined by {@code loader}, with the model checker's class cache. */
    static void register(MemoryClassLoader loader, Collection<String> names) {
        if (!(ClassLoader.getSystemClassLoader() instanceof RunnerSystemLoader system)) {
            throw new IllegalStateException("a model-checking grading JVM must start with -Djava.system.class.loader="
                    + RunnerSystemLoader.class.getName());
        }
        system.expose(loader);
        Map<String, Class<?>> cache = cache();
        for (String name : names) {
            try {
                cache.put(name, Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError notDefined) {
                // a class that could not be defined fails its own checks when they load it
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Class<?>> cache() {
        try {
            Field field = Class.forName(CACHE_CLASS).getDeclaredField("cache");
            field.setAccessible(true);
            return (Map<String, Class<?>>) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("the model checker's class cache (" + CACHE_CLASS + ".cache) is not where "
                    + "this grader expects it: was Lincheck upgraded? Its checks cannot run: " + e, e);
        }
    }
}
