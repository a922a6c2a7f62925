package io.interleave.grader.compile;

/** One compiler error or warning: the source path (relative to the exercise), line, column and message. */
public record CompileDiagnostic(String path, long line, long column, String kind, String message, boolean inStudentFile) {
    @Override
    public String toString() {
        return path + ":" + line + ": " + kind + ": " + message;
    }
}
