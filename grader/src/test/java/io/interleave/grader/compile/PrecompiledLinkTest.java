package io.interleave.grader.compile;

import io.interleave.grader.fetch.SourceFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Linking precompiled tests to a student's classes")
class PrecompiledLinkTest {
    private static final String STUB = """
            package p;
            public class A {
                public static final int LIMIT = 3;
                protected long n;
                public A(long start) { n = start; }
                public void add(long k) { n += k; }
                public long get() { return n; }
                private void helper() { }
            }
            """;
    private static final String TEST = """
            package p;
            class T {
                long run() { A a = new A(1); a.add(A.LIMIT); return a.get() + a.n + a.hashCode(); }
            }
            """;
    private static final String SUBCLASSING_TEST = """
            package p;
            class U extends A {
                U() { super(0); }
                @Override public void add(long k) { }
            }
            """;

    @Test
    @DisplayName("accepts the stub itself, and changes that leave the tests' view of it alone")
    void acceptsWhatTheTestsCannotTellApart() {
        assertThat(mismatch(STUB, TEST)).isEmpty();
        assertThat(mismatch("""
                package p;
                public class A {
                    public static final int LIMIT = 3;
                    public static final int OTHER = 9;
                    protected long n;
                    private final Object lock = new Object();
                    public A(long start) { n = start; }
                    public void add(long k) { synchronized (lock) { n += k; } }
                    public synchronized long get() { return n; }
                    public void reset() { n = 0; }
                    private void add(int k, int times) { }
                }
                """, TEST)).isEmpty();
    }

    @Test
    @DisplayName("refuses any change to a member the tests use, with what changed")
    void refusesChangedMembers() {
        assertThat(mismatch(STUB.replace("public void add(long k) { n += k; }", ""), TEST)).hasValueSatisfying(
                why -> assertThat(why).contains("p/A.add"));
        assertThat(mismatch(STUB.replace("public long get() { return n; }", "public int get() { return (int) n; }"), TEST))
                .hasValueSatisfying(why -> assertThat(why).contains("p/A.get"));
        assertThat(mismatch(STUB.replace("private void helper() { }", "public void add(int k) { }"), TEST))
                .as("an overload the compiler would have chosen among").hasValueSatisfying(why -> assertThat(why).contains("p/A.add"));
        assertThat(mismatch(STUB.replace("public long get()", "public static long get()").replace("return n;", "return 0;"), TEST))
                .hasValueSatisfying(why -> assertThat(why).contains("p/A.get"));
        assertThat(mismatch(STUB.replace("protected long n;", "private long n;"), TEST))
                .hasValueSatisfying(why -> assertThat(why).contains("p/A.n"));
        assertThat(mismatch(STUB.replace("public A(long start)", "public A(int start)"), TEST))
                .hasValueSatisfying(why -> assertThat(why).contains("p/A.<init>"));
    }

    @Test
    @DisplayName("refuses a changed constant, which the compiler copies into the tests")
    void refusesChangedConstants() {
        assertThat(mismatch(STUB.replace("LIMIT = 3", "LIMIT = 4"), TEST)).hasValueSatisfying(
                why -> assertThat(why).contains("LIMIT"));
    }

    @Test
    @DisplayName("refuses a class of another kind or with other supertypes")
    void refusesOtherKindsOfClass() {
        assertThat(mismatch(STUB.replace("public class A {", "public final class A {"), TEST)).isPresent();
        assertThat(mismatch(STUB.replace("public class A {", "public abstract class A {"), TEST)).isPresent();
        assertThat(mismatch(STUB.replace("public class A {", "public class A implements Runnable { public void run() { }"), TEST))
                .hasValueSatisfying(why -> assertThat(why).contains("supertypes"));
    }

    @Test
    @DisplayName("refuses a student class named like a class of the tests, and a missing stub class")
    void refusesNameClashesAndMissingClasses() {
        Map<String, byte[]> stub = compile(List.of(student("p/A.java", STUB)));
        Map<String, byte[]> precompiled = testsOnly(compile(List.of(student("p/A.java", STUB), test("p/T.java", TEST))), stub);
        Map<String, byte[]> own = compile(List.of(student("p/A.java", STUB), student("p/T.java", "package p; class T { }")));
        assertThat(PrecompiledLink.mismatch(own, stub, precompiled)).hasValueSatisfying(why -> assertThat(why).contains("p.T"));
        Map<String, byte[]> other = compile(List.of(student("p/B.java", "package p; public class B { }")));
        assertThat(PrecompiledLink.mismatch(other, stub, precompiled)).hasValueSatisfying(why -> assertThat(why).contains("no class p/A"));
    }

    @Test
    @DisplayName("refuses a method made final that a test class overrides")
    void refusesFinalMethodsTheTestsOverride() {
        assertThat(mismatch(STUB, SUBCLASSING_TEST)).isEmpty();
        assertThat(mismatch(STUB.replace("public void add", "public final void add"), SUBCLASSING_TEST)).isPresent();
    }

    private static Optional<String> mismatch(String studentSource, String testSource) {
        Map<String, byte[]> stub = compile(List.of(student("p/A.java", STUB)));
        Map<String, byte[]> precompiled = testsOnly(compile(List.of(student("p/A.java", STUB), test("p/T.java", testSource))), stub);
        Map<String, byte[]> own = compile(List.of(student("p/A.java", studentSource)));
        return PrecompiledLink.mismatch(own, stub, precompiled);
    }

    private static Map<String, byte[]> testsOnly(Map<String, byte[]> all, Map<String, byte[]> stub) {
        Map<String, byte[]> tests = new HashMap<>(all);
        tests.keySet().removeAll(stub.keySet());
        return tests;
    }

    private static Map<String, byte[]> compile(List<SourceFile> sources) {
        CompileOutcome outcome = SourceCompiler.compile(sources, System.getProperty("java.class.path"));
        assertThat(outcome.success()).as("compiles: %s", outcome.diagnostics()).isTrue();
        return outcome.classes();
    }

    private static SourceFile student(String path, String text) {
        return new SourceFile("src/main/java/" + path, SourceFile.Role.STUDENT, text);
    }

    private static SourceFile test(String path, String text) {
        return new SourceFile("hidden/" + path, SourceFile.Role.HIDDEN_TEST, text);
    }
}
