package io.interleave.grader.runner;

import io.interleave.grader.exercise.CheckSpec;
import io.interleave.grader.exercise.Permission;
import io.interleave.grader.fetch.SourceFile;
import java.util.List;
import java.util.Set;

/**
 * Everything the grading JVM needs for one exercise, sent on its standard input after the channel key, so
 * that no source (hidden tests included) is ever written inside the sandbox.
 */
public record RunJob(String slug, String packageName, List<SourceFile> sources, List<CheckSpec> checks,
                     Set<Permission> permissions, int testTimeoutSeconds, long stacksAfterMillis, StressOptions stress) {
    public RunJob {
        sources = List.copyOf(sources);
        checks = List.copyOf(checks);
        permissions = Set.copyOf(permissions);
    }

    /** How the jcstress tests of a run are run. */
    public record StressOptions(String mode, int iterations, int timeMillis, int forks, int cpus) {
    }
}
