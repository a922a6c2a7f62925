package io.interleave.grader.structure;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.interleave.grader.exercise.Permission;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The platform's rules for student code: only the parts of the Java platform that a concurrency exercise
 * needs (all of {@code java.util.concurrent}, VarHandles on its own fields), and none of exiting, halting,
 * process spawning, reflection, class loading, native access or JDK internals; files and network only when
 * the exercise grants them.
 */
public final class PlatformPolicy {

    /** Calls that end, escape or inspect the grading JVM, whatever package their class is in. */
    static final Map<String, Set<String>> FORBIDDEN_MEMBERS = Map.ofEntries(
            Map.entry("java.lang.System", Set.of("exit", "load", "loadLibrary", "setOut", "setErr", "setIn",
                    "setProperty", "setProperties", "clearProperty", "getProperties", "console", "inheritedChannel", "getLogger")),
            Map.entry("java.lang.Runtime", Set.of("exit", "halt", "exec", "addShutdownHook", "removeShutdownHook",
                    "load", "loadLibrary")),
            Map.entry("java.lang.Class", Set.of("forName", "getClassLoader", "getDeclaredField", "getDeclaredFields",
                    "getDeclaredMethod", "getDeclaredMethods", "getDeclaredConstructor", "getDeclaredConstructors",
                    "getField", "getFields", "getMethod", "getMethods", "getConstructor", "getConstructors",
                    "newInstance", "getResource", "getResourceAsStream", "getModule", "getProtectionDomain",
                    "getRecordComponents", "getNestMembers", "getPermittedSubclasses")),
            Map.entry("java.lang.Thread", Set.of("getAllStackTraces", "enumerate", "getThreadGroup", "setContextClassLoader",
                    "getContextClassLoader", "setDefaultUncaughtExceptionHandler", "stop", "suspend", "resume")),
            // with the network permission: no file reads through file: or jar: URLs, no JVM-wide network defaults
            Map.entry("java.net.URL", Set.of("openStream", "openConnection", "getContent", "setURLStreamHandlerFactory")),
            Map.entry("java.net.URLConnection", Set.of("setContentHandlerFactory", "setFileNameMap")),
            Map.entry("java.net.Socket", Set.of("setSocketImplFactory")),
            Map.entry("java.net.ServerSocket", Set.of("setSocketFactory")),
            Map.entry("java.net.ProxySelector", Set.of("setDefault")),
            Map.entry("java.net.Authenticator", Set.of("setDefault")),
            Map.entry("java.net.CookieHandler", Set.of("setDefault")),
            Map.entry("java.net.ResponseCache", Set.of("setDefault")),
            Map.entry("java.lang.invoke.MethodHandles", Set.of("privateLookupIn", "publicLookup", "reflectAs",
                    "classData", "classDataAt")),
            Map.entry("java.lang.invoke.MethodHandles$Lookup", Set.of("findVirtual", "findStatic", "findSpecial",
                    "findConstructor", "findGetter", "findSetter", "findStaticGetter", "findStaticSetter", "unreflect",
                    "unreflectGetter", "unreflectSetter", "unreflectConstructor", "unreflectSpecial", "defineClass",
                    "defineHiddenClass", "defineHiddenClassWithClassData", "findClass", "in", "dropLookupMode",
                    "revealDirect", "ensureInitialized", "accessClass")));

    /** Packages of the platform that student code may use, whatever the exercise. */
    private static final List<String> ALLOWED_PACKAGES = List.of(
            "java.lang", "java.lang.invoke", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
            "java.util.concurrent.locks", "java.util.function", "java.util.stream", "java.util.random",
            "java.time", "java.time.temporal", "java.time.format", "java.time.chrono", "java.math", "java.text");

    /** Classes of allowed packages that are off limits all the same. */
    private static final Set<String> FORBIDDEN_CLASSES = Set.of(
            "java.lang.ProcessBuilder", "java.lang.Process", "java.lang.ProcessHandle", "java.lang.ClassLoader",
            "java.lang.ModuleLayer", "java.lang.Module", "java.lang.ThreadGroup", "java.lang.StackWalker",
            "java.lang.SecurityManager", "java.lang.ClassValue",
            "java.util.ServiceLoader", "java.util.ResourceBundle", "java.util.Scanner",
            // granted packages hold them, yet they load classes or reach files
            "java.net.URLClassLoader", "java.net.JarURLConnection", "java.net.UnixDomainSocketAddress");

    /** Classes of otherwise forbidden packages that every exercise may use (printing, I/O exceptions). */
    private static final Set<String> ALLOWED_CLASSES = Set.of(
            "java.io.PrintStream", "java.io.PrintWriter", "java.io.StringWriter", "java.io.StringReader",
            "java.io.Serializable", "java.io.Closeable", "java.io.Flushable", "java.io.IOException",
            "java.io.UncheckedIOException", "java.io.InterruptedIOException", "java.io.Serial", "java.io.Writer",
            "java.io.Reader", "java.io.BufferedReader", "java.io.OutputStream", "java.io.InputStream",
            "java.io.ByteArrayOutputStream", "java.io.ByteArrayInputStream");

    /** What each permission adds to the allowed packages. */
    private static final Map<Permission, List<String>> GRANTED_PACKAGES = Map.of(
            Permission.FILE, List.of("java.io", "java.nio", "java.nio.file", "java.nio.file.attribute", "java.nio.channels", "java.nio.charset"),
            Permission.NETWORK, List.of("java.net", "java.net.http", "java.nio", "java.nio.channels", "java.nio.charset", "javax.net", "javax.net.ssl"));

    private PlatformPolicy() {
    }

    /** Student classes call none of the members that exit, halt, spawn, reflect or load classes. */
    public static final ArchRule NO_ESCAPE_CALLS = classes()
            .should(new ArchCondition<JavaClass>("not call members that exit, halt, spawn processes, reflect, load classes, "
                    + "open URLs or change JVM-wide defaults") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    for (JavaAccess<?> access : item.getAccessesFromSelf()) {
                        AccessTarget target = access.getTarget();
                        Set<String> members = FORBIDDEN_MEMBERS.get(target.getOwner().getName());
                        if (members != null && members.contains(target.getName())) {
                            events.add(SimpleConditionEvent.violated(access, "calls "
                                    + simple(target.getOwner().getName()) + "." + target.getName() + " " + access.getSourceCodeLocation()));
                        }
                    }
                }
            })
            .because("the grader must be the one to end the run, reflection or class loading could reach the grader's own code,"
                    + " a URL can read files, and JVM-wide defaults belong to the grader's tests");

    /** Student classes depend only on their own package and the allowed parts of the platform. */
    public static ArchRule onlyAllowedApis(String exercisePackage, Set<Permission> permissions) {
        DescribedPredicate<JavaClass> allowed = DescribedPredicate.describe(
                "in package " + exercisePackage + " or an allowed part of the Java platform",
                target -> isAllowed(base(target), exercisePackage, permissions));
        return classes()
                .should(new ArchCondition<JavaClass>("use only the exercise's package and the allowed Java APIs") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass();
                            if (!allowed.test(target)) {
                                events.add(SimpleConditionEvent.violated(dependency, "uses " + base(target).getName()
                                        + " " + dependency.getSourceCodeLocation() + ", which " + whyNot(base(target).getName())));
                            }
                        }
                    }
                })
                .because("student code may use java.util.concurrent and the core Java APIs, but not files, network,"
                        + " processes, reflection or the grader's libraries unless the exercise says so");
    }

    static boolean isAllowed(JavaClass target, String exercisePackage, Set<Permission> permissions) {
        if (target.isPrimitive()) {
            return true;
        }
        String name = target.getName();
        String pkg = target.getPackageName();
        if (pkg.equals(exercisePackage) || pkg.startsWith(exercisePackage + ".")) {
            return true;
        }
        if (FORBIDDEN_CLASSES.contains(outer(name))) {
            return false;
        }
        if (ALLOWED_CLASSES.contains(outer(name)) || ALLOWED_PACKAGES.contains(pkg)) {
            return true;
        }
        return permissions.stream().anyMatch(p -> GRANTED_PACKAGES.getOrDefault(p, List.of()).contains(pkg));
    }

    private static String whyNot(String name) {
        if (name.startsWith("java.lang.reflect") || name.startsWith("java.lang.ClassLoader")) {
            return "is reflection or class loading";
        }
        if (name.equals("java.net.URLClassLoader")) {
            return "loads classes";
        }
        if (name.equals("java.net.JarURLConnection") || name.equals("java.net.UnixDomainSocketAddress")) {
            return "reaches files";
        }
        if (name.startsWith("java.lang.Process")) {
            return "starts or controls processes";
        }
        if (name.startsWith("java.io") || name.startsWith("java.nio")) {
            return "reaches files, which this exercise does not allow";
        }
        if (name.startsWith("java.net") || name.startsWith("javax.net")) {
            return "reaches the network, which this exercise does not allow";
        }
        if (name.startsWith("sun.") || name.startsWith("jdk.") || name.startsWith("com.sun.")) {
            return "is a JDK internal";
        }
        if (name.startsWith("java.lang.foreign")) {
            return "reaches native memory";
        }
        return "is outside the APIs this exercise allows";
    }

    private static JavaClass base(JavaClass type) {
        JavaClass t = type;
        while (t.isArray()) {
            t = t.getComponentType();
        }
        return t;
    }

    private static String outer(String name) {
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }

    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    }
}
