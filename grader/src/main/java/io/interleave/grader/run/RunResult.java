package io.interleave.grader.run;

import io.interleave.grader.runner.RunnerEvent;
import java.util.List;

/**
 * What the grader saw of one grading JVM: the events that verified, how the process ended, and what it
 * printed outside the channel (excerpts only).
 */
public record RunResult(List<RunnerEvent> events, int exitCode, boolean timedOut, long timeoutSeconds,
                        String flood, long forgedLines, String stderrExcerpt, long wallMillis, String sandbox) {
    public RunResult {
        events = List.copyOf(events);
    }

    public <T extends RunnerEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public boolean finished() {
        return !eventsOf(RunnerEvent.Finished.class).isEmpty();
    }
}
