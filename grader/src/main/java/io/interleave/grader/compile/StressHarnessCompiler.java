package io.interleave.grader.compile;

import io.interleave.grader.fetch.SourceFile;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds the jcstress harness of the grader's own stress tests: writes the already compiled classes to a
 * private folder, then runs the jcstress annotation processor on the stress test sources only (never on
 * student code), which generates and compiles the harness and its {@code META-INF/TestList} there.
 */
public final class StressHarnessCompiler {
    private static final String PROCESSOR = "org.openjdk.jcstress.infra.processors.JCStressTestProcessor";
    /** The list of tests the jcstress processor writes next to the harness classes. */
    public static final String TEST_LIST = "META-INF/TestList";

    private StressHarnessCompiler() {
    }

    /**
     * Writes {@code compiled} and a harness built earlier (its classes and its {@code META-INF/TestList}) to
     * {@code classesDir}; returns nothing, as there is nothing to compile.
     */
    public static List<String> write(Map<String, byte[]> compiled, Map<String, byte[]> harness, String testList,
                                     Path classesDir) throws IOException {
        writeClasses(compiled, classesDir);
        writeClasses(harness, classesDir);
        Path list = classesDir.resolve(TEST_LIST);
        Files.createDirectories(list.getParent());
        Files.writeString(list, testList, StandardCharsets.UTF_8);
        return List.of();
    }

    /** Returns the compiler's errors; empty when {@code classesDir} holds a complete harness. */
    public static List<String> build(Map<String, byte[]> compiled, List<SourceFile> stressSources, String classPath,
                                     Path classesDir) throws IOException {
        return build(compiled, stressSources, classPath, classesDir, List.of());
    }

    /** Builds as above with more javac options, e.g. {@code --release 21} for a harness that ships with the grader. */
    public static List<String> build(Map<String, byte[]> compiled, List<SourceFile> stressSources, String classPath,
                                     Path classesDir, List<String> moreOptions) throws IOException {
        writeClasses(compiled, classesDir);
        Path generated = Files.createDirectories(classesDir.resolveSibling("generated-sources"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<JavaFileObject> units = new ArrayList<>();
            for (SourceFile source : stressSources) {
                units.add(new SimpleJavaFileObject(URI.create("mem:///" + source.path()), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source.content();
                    }
                });
            }
            String path = classPath + java.io.File.pathSeparator + classesDir;
            List<String> options = new ArrayList<>(List.of("-proc:full", "-processor", PROCESSOR, "-processorpath", classPath,
                    "-classpath", path, "-d", classesDir.toString(), "-s", generated.toString(),
                    "-encoding", "UTF-8", "-nowarn", "-Xlint:none", "-implicit:class"));
            options.addAll(moreOptions);
            StringWriter output = new StringWriter();
            boolean ok = compiler.getTask(output, files, diagnostics, options, null, units).call();
            List<String> errors = new ArrayList<>();
            diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                    .forEach(d -> errors.add(d.getMessage(Locale.ROOT)));
            if (!ok && errors.isEmpty()) {
                errors.add(output.toString().strip());
            }
            if (ok && !Files.isRegularFile(classesDir.resolve(TEST_LIST))) {
                errors.add("the jcstress processor wrote no META-INF/TestList");
            }
            return errors;
        }
    }

    /** Writes class files by binary name below {@code classesDir}, in their packages' folders. */
    public static void writeClasses(Map<String, byte[]> classes, Path classesDir) throws IOException {
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            Path file = classesDir.resolve(entry.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, entry.getValue());
        }
    }
}
