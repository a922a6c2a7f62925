package io.interleave.grader.exercise;

/** Resource limits of one exercise's grading JVM: wall clock, memory and the CPUs its timing checks need. */
public record Limits(int timeoutSeconds, int memoryMb, int cpus) {
    public Limits {
        if (timeoutSeconds < 5 || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("limits.timeout_seconds must be 5..3600, was " + timeoutSeconds);
        }
        if (memoryMb < 128 || memoryMb > 16384) {
            throw new IllegalArgumentException("limits.memory_mb must be 128..16384, was " + memoryMb);
        }
        if (cpus < 1 || cpus > 256) {
            throw new IllegalArgumentException("limits.cpus must be 1..256, was " + cpus);
        }
    }
}
