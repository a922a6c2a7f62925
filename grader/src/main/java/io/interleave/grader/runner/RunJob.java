package io.interleave.grader.runner;

import io.interleave.grader.exercise.CheckSpec;
import io.interleave.grader.exercise.Permission;
import io.interleave.grader.fetch.SourceFile;
import java.util.List;
import java.util.Set;

/**
 * Everything the grading JVM needs for one exercise, sent on its standard input after the channel key, so
 * that no source (hidden tests included) is ever written inside the sandbox. With {@code enforcePolicy}
 * (always, when grading) code that breaks the platform rules is never run; the grader's own containment
 * tests turn it off to prove that the sandbox and the channel hold on their own. A {@code training} run grades
 * the exercise's own stub to build the start-up cache, and ends with a normal exit so the JVM can write it.
 * {@code precompiled} (null when the grader has none) spares compiling the grader's own sources again.
 */
public record RunJob(String slug, String packageName, List<SourceFile> sources, List<CheckSpec> checks,
                     Set<Permission> permissions, int testTimeoutSeconds, long stacksAfterMillis, StressOptions stress,
                     boolean enforcePolicy, boolean training, Precompiled precompiled) {
    public RunJob {
        sources = List.copyOf(sources);
        checks = List.copyOf(checks);
        permissions = Set.copyOf(permissions);
    }

    /** How the jcstress tests of a run are run. */
    public record StressOptions(String mode, int iterations, int timeMillis, int forks, int cpus) {
    }
}
