package io.interleave.grader.runner;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.interleave.grader.compile.CompileDiagnostic;
import java.util.List;

/** A signed message from the grading JVM to the grader. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunnerEvent.Started.class, name = "started"),
        @JsonSubTypes.Type(value = RunnerEvent.Compiled.class, name = "compiled"),
        @JsonSubTypes.Type(value = RunnerEvent.StructureChecked.class, name = "structure"),
        @JsonSubTypes.Type(value = RunnerEvent.CheckStarted.class, name = "check-started"),
        @JsonSubTypes.Type(value = RunnerEvent.CheckFinished.class, name = "check"),
        @JsonSubTypes.Type(value = RunnerEvent.Stacks.class, name = "stacks"),
        @JsonSubTypes.Type(value = RunnerEvent.ExitCalled.class, name = "exit"),
        @JsonSubTypes.Type(value = RunnerEvent.Died.class, name = "died"),
        @JsonSubTypes.Type(value = RunnerEvent.Finished.class, name = "finished")
})
public sealed interface RunnerEvent {

    /** The grading JVM is up: its Java version, the CPUs and heap it sees. */
    record Started(String javaVersion, int cpus, long maxHeapMb) implements RunnerEvent {
    }

    /** Compiling ended; {@code crash} is set when the compiler itself failed. */
    record Compiled(boolean ok, List<CompileDiagnostic> diagnostics, String crash, long durationMs) implements RunnerEvent {
    }

    /** The structure rules ran on the student's classes. */
    record StructureChecked(List<String> violations, long durationMs) implements RunnerEvent {
    }

    /**
     * A test began; {@code test} is what the manifest names. A check that started and never finished is the one
     * the grading JVM was running when it died.
     */
    record CheckStarted(String test) implements RunnerEvent {
    }

    /** A test or stress test finished; {@code test} is what the manifest names. */
    record CheckFinished(String test, Outcome outcome, String message, long durationMs) implements RunnerEvent {
    }

    /** The threads still running when the time limit was near: a stack excerpt per thread. */
    record Stacks(String reason, List<String> threads) implements RunnerEvent {
    }

    /** Student code asked the JVM to exit while checks were still running. */
    record ExitCalled(String where) implements RunnerEvent {
    }

    /**
     * The runner itself stopped on an error it could not turn into a check's result (no thread could be started,
     * no memory left), so the JVM ended without anyone calling exit; {@code cause} is that error.
     */
    record Died(String cause) implements RunnerEvent {
    }

    /** Every check ran. */
    record Finished(long durationMs) implements RunnerEvent {
    }

    /** How a single test ended, as the runner saw it. */
    enum Outcome {
        PASSED, FAILED, ABORTED, SKIPPED, INCONCLUSIVE
    }
}
