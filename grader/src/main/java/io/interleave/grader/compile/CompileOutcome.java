package io.interleave.grader.compile;

import java.util.List;
import java.util.Map;

/**
 * What compiling produced: class bytes by binary name, the classes that came from student files, and the
 * diagnostics. {@code crash} is set when the compiler itself failed (for example a stack overflow).
 */
public record CompileOutcome(boolean success, Map<String, byte[]> classes, List<String> studentClasses,
                             List<CompileDiagnostic> diagnostics, String crash) {
    public CompileOutcome {
        classes = Map.copyOf(classes);
        studentClasses = List.copyOf(studentClasses);
        diagnostics = List.copyOf(diagnostics);
    }

    public List<CompileDiagnostic> errors() {
        return diagnostics.stream().filter(d -> d.kind().equals("error")).toList();
    }
}
