package io.interleave.grader.structure;

import io.interleave.grader.compile.CompileOutcome;
import io.interleave.grader.compile.SourceCompiler;
import io.interleave.grader.exercise.Permission;
import io.interleave.grader.fetch.SourceFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The platform policy")
class PlatformPolicyTest {
    @TempDir
    Path scratch;

    private List<String> violations(String body, Set<Permission> permissions) throws Exception {
        String source = "package race;\n"
                + "import java.util.concurrent.*; import java.util.concurrent.atomic.*; import java.util.concurrent.locks.*;\n"
                + "import java.lang.invoke.*;\n"
                + "public class Probe {\n" + body + "\n}\n";
        CompileOutcome outcome = SourceCompiler.compile(List.of(new SourceFile("src/main/java/race/Probe.java",
                SourceFile.Role.STUDENT, source)), System.getProperty("java.class.path"));
        assertThat(outcome.success()).as("compiles: %s", outcome.diagnostics()).isTrue();
        Map<String, byte[]> student = new HashMap<>();
        outcome.studentClasses().forEach(c -> student.put(c, outcome.classes().get(c)));
        return StructureChecker.check(student, "race", permissions, scratch);
    }

    @ParameterizedTest(name = "allows {0}")
    @ValueSource(strings = {
        "private long n; public synchronized void add() { n++; }",
        "private final AtomicLong n = new AtomicLong(); long f() { long v; do { v = n.get(); } while (!n.compareAndSet(v, v + 1)); return v; }",
        "private final ReentrantLock lock = new ReentrantLock(); void f() { lock.lock(); try { } finally { lock.unlock(); } }",
        "private volatile long n; private static final VarHandle N; static { try { N = MethodHandles.lookup().findVarHandle(Probe.class, \"n\", long.class); } catch (ReflectiveOperationException e) { throw new ExceptionInInitializerError(e); } } void f() { N.getAndAdd(this, 1L); }",
        "String f(int x) { Runnable r = () -> System.out.println(\"x=\" + x); r.run(); return java.util.List.of(x).stream().map(String::valueOf).toList().toString(); }",
        "void f() throws Exception { ExecutorService e = Executors.newVirtualThreadPerTaskExecutor(); e.submit(() -> 1).get(); e.shutdown(); Thread.ofPlatform().start(() -> {}).join(); }",
        "long[] cells = new long[4]; int cpus() { return Runtime.getRuntime().availableProcessors(); }"
    })
    void allows(String body) throws Exception {
        assertThat(violations(body, Set.of())).isEmpty();
    }

    @ParameterizedTest(name = "forbids {1}")
    @CsvSource(delimiter = '|', value = {
        "static { System.exit(0); }                                                        | System.exit",
        "void f() { Runtime.getRuntime().halt(1); }                                        | Runtime.halt",
        "void f() throws Exception { new ProcessBuilder(\"sh\").start(); }                 | ProcessBuilder",
        "void f() throws Exception { Runtime.getRuntime().exec(new String[] {\"sh\"}); }    | Runtime.exec",
        "void f() throws Exception { Class.forName(\"x\"); }                               | Class.forName",
        "void f() throws Exception { Probe.class.getDeclaredField(\"x\").setAccessible(true); } | java.lang.reflect.Field",
        "void f() throws Exception { new java.io.FileOutputStream(\"/tmp/x\").close(); }   | java.io.FileOutputStream",
        "void f() throws Exception { java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")); } | java.nio.file.Files",
        "void f() throws Exception { new java.net.Socket(\"127.0.0.1\", 80).close(); }      | java.net.Socket",
        "void f() { Runtime.getRuntime().addShutdownHook(new Thread()); }                  | Runtime.addShutdownHook",
        "void f() { System.setOut(null); }                                                 | System.setOut",
        "void f() { Thread.getAllStackTraces(); }                                          | Thread.getAllStackTraces",
        "void f() throws Throwable { MethodHandles.lookup().findStatic(System.class, \"exit\", MethodType.methodType(void.class, int.class)); } | MethodHandles.Lookup.findStatic",
        "Object f() { return new java.io.FileOutputStream(java.io.FileDescriptor.out); }  | java.io.FileDescriptor"
    })
    void forbids(String body, String named) throws Exception {
        assertThat(violations(body, Set.of())).anySatisfy(v -> assertThat(v).contains(named.strip()).contains("Probe.java:"));
    }

    @ParameterizedTest(name = "grants {0} with its permission")
    @CsvSource(delimiter = '|', value = {
        "void f() throws Exception { new java.net.Socket(\"127.0.0.1\", 80).close(); } | NETWORK",
        "void f() throws Exception { java.nio.file.Files.readString(java.nio.file.Path.of(\"x\")); } | FILE"
    })
    void grants(String body, Permission permission) throws Exception {
        assertThat(violations(body, Set.of(permission))).isEmpty();
    }

    private static final String HTTP_CLIENT_CALL = "CompletableFuture<String> f(java.net.http.HttpClient c, java.net.URI u) {"
            + " return c.sendAsync(java.net.http.HttpRequest.newBuilder(u).timeout(java.time.Duration.ofSeconds(1)).build(),"
            + " java.net.http.HttpResponse.BodyHandlers.ofString()).thenApply(java.net.http.HttpResponse::body)"
            + ".exceptionally(e -> e.toString()); }";

    @org.junit.jupiter.api.Test
    @DisplayName("lets HttpClient calls through with the network permission, and only with it")
    void httpClientNeedsTheNetworkPermission() throws Exception {
        assertThat(violations(HTTP_CLIENT_CALL, Set.of(Permission.NETWORK))).isEmpty();
        assertThat(violations(HTTP_CLIENT_CALL, Set.of())).anySatisfy(v -> assertThat(v).contains("java.net.http.HttpClient")
                .contains("reaches the network"));
    }

    @ParameterizedTest(name = "forbids {1} even with the network permission")
    @CsvSource(delimiter = '|', value = {
        "Object f() throws Exception { return java.net.URI.create(\"file:///etc/passwd\").toURL().openStream(); } | URL.openStream",
        "Object f() throws Exception { return new java.net.URL(\"jar:file:/x.jar!/\").openConnection(); }        | URL.openConnection",
        "Object f() { return new java.net.URLClassLoader(new java.net.URL[0]); }                                  | java.net.URLClassLoader",
        "Object f() { return java.net.UnixDomainSocketAddress.of(\"/run/docker.sock\"); }                        | java.net.UnixDomainSocketAddress",
        "void f() { java.net.ProxySelector.setDefault(null); }                                                    | ProxySelector.setDefault",
        "void f() throws Exception { java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")); }   | java.nio.file.Files",
        "void f() throws Exception { new Probe().getClass().getDeclaredMethods(); }                               | Class.getDeclaredMethods"
    })
    void forbidsWithNetwork(String body, String named) throws Exception {
        assertThat(violations(body, Set.of(Permission.NETWORK))).anySatisfy(v -> assertThat(v).contains(named.strip()));
    }
}
