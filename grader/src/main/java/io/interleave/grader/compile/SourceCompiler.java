package io.interleave.grader.compile;

import io.interleave.grader.fetch.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a run's sources in memory with javax.tools, annotation processing off. Nothing is written to
 * disk; the class bytes stay in the returned outcome. A compiler crash becomes an outcome, never an exception.
 */
public final class SourceCompiler {
    /** Stack size of the compiling thread, so that deeply nested expressions compile instead of crashing javac. */
    private static final long COMPILER_STACK_BYTES = 512L * 1024 * 1024;

    private SourceCompiler() {
    }

    public static CompileOutcome compile(List<SourceFile> sources, String classPath) {
        return compile(sources, classPath, List.of());
    }

    /** Compiles as above with more javac options, e.g. {@code --release 21} for classes that ship with the grader. */
    public static CompileOutcome compile(List<SourceFile> sources, String classPath, List<String> moreOptions) {
        AtomicReference<CompileOutcome> result = new AtomicReference<>();
        Thread worker = new Thread(null, () -> result.set(compileHere(sources, classPath, moreOptions)), "interleave-javac",
                COMPILER_STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return crashed("compiling was interrupted");
        }
        return result.get() == null ? crashed("the compiler stopped without a result") : result.get();
    }

    private static CompileOutcome compileHere(List<SourceFile> sources, String classPath, List<String> moreOptions) {
        try {
            return run(sources, classPath, moreOptions);
        } catch (StackOverflowError e) {
            return crashed("the compiler ran out of stack (StackOverflowError): an expression or statement is nested too deeply");
        } catch (OutOfMemoryError e) {
            return crashed("the compiler ran out of memory");
        } catch (RuntimeException | Error e) {
            return crashed("the compiler crashed: " + e);
        }
    }

    private static CompileOutcome run(List<SourceFile> sources, String classPath, List<String> moreOptions) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this runtime (a JRE instead of a JDK?)");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<URI, SourceFile> byUri = new HashMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (SourceFile source : sources) {
            InMemorySource unit = new InMemorySource(source);
            byUri.put(unit.toUri(), source);
            units.add(unit);
        }
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, java.nio.charset.StandardCharsets.UTF_8);
        ClassCollector collector = new ClassCollector(standard);
        List<String> options = new ArrayList<>(List.of("-proc:none", "-g", "-encoding", "UTF-8", "-Xlint:none", "-nowarn",
                "-Xmaxerrs", "50", "-implicit:none", "-classpath", classPath));
        options.addAll(moreOptions);
        StringWriter compilerOutput = new StringWriter();
        boolean ok = compiler.getTask(compilerOutput, collector, diagnostics, options, null, units).call();
        List<CompileDiagnostic> found = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.WARNING && d.getKind() != Diagnostic.Kind.MANDATORY_WARNING) {
                continue;
            }
            SourceFile source = d.getSource() == null ? null : byUri.get(d.getSource().toUri());
            String kind = d.getKind() == Diagnostic.Kind.ERROR ? "error" : "warning";
            found.add(new CompileDiagnostic(source == null ? "?" : source.path(), d.getLineNumber(), d.getColumnNumber(),
                    kind, d.getMessage(Locale.ROOT), source != null && source.role().isStudent()));
        }
        Set<String> studentClasses = new HashSet<>();
        collector.origins.forEach((className, origin) -> {
            SourceFile source = byUri.get(origin);
            if (source != null && source.role().isStudent()) {
                studentClasses.add(className);
            }
        });
        Map<String, byte[]> classes = new HashMap<>();
        collector.outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return new CompileOutcome(ok, ok ? classes : Map.of(), ok ? List.copyOf(studentClasses) : List.of(), found, null);
    }

    private static CompileOutcome crashed(String why) {
        return new CompileOutcome(false, Map.of(), List.of(), List.of(), why);
    }

    /** A source file held in memory. */
    private static final class InMemorySource extends SimpleJavaFileObject {
        private final String content;

        InMemorySource(SourceFile source) {
            super(URI.create("mem:///" + source.path()), Kind.SOURCE);
            this.content = source.content();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return content;
        }
    }

    /** Keeps every class file javac writes in memory, with the source it came from. */
    private static final class ClassCollector extends ForwardingJavaFileManager<StandardJavaFileManager> {
        final Map<String, ByteArrayOutputStream> outputs = new ConcurrentHashMap<>();
        final Map<String, URI> origins = new ConcurrentHashMap<>();

        ClassCollector(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            if (location != StandardLocation.CLASS_OUTPUT || kind != JavaFileObject.Kind.CLASS) {
                throw new IllegalStateException("unexpected compiler output " + className + " in " + location);
            }
            if (sibling != null) {
                origins.put(className, sibling.toUri());
            }
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), JavaFileObject.Kind.CLASS) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    outputs.put(className, out);
                    return out;
                }
            };
        }
    }
}
