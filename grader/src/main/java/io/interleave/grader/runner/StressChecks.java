package io.interleave.grader.runner;

import io.interleave.grader.compile.StressHarnessCompiler;
import io.interleave.grader.exercise.CheckSpec;
import io.interleave.grader.fetch.SourceFile;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the jcstress checks of a run: builds their harness in a private folder, runs them through
 * {@link StressBridge} in a class loader of its own, and reports each as passed (enough samples, no forbidden
 * outcome), failed (a forbidden outcome seen, with how often), or inconclusive (too few samples on a busy
 * machine). A test that did not run at all never counts as passed.
 */
final class StressChecks {
    /** At least this many samples per attempt: more than the fork's batch sizing alone produces (about 356,000). */
    static final long MIN_SAMPLES = 410_000;
    static final int ATTEMPTS = 3;
    static final int TIME_MS = 50;
    private static final List<String> FORK_JVM_ARGS = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx64m",
            "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-XX:+DisableAttachMechanism", "-Xlog:disable");

    private StressChecks() {
    }

    /**
     * Runs {@code checks}; {@code precompiled}, when the run's classes were linked to it, brings the harness built
     * with the grader, else the harness is generated and compiled here.
     */
    static void run(List<CheckSpec> checks, Map<String, byte[]> classes, Precompiled precompiled, RunJob job,
                    ResultChannel channel, long deadlineMillis) {
        long start = System.nanoTime();
        List<SourceFile> stressSources = job.sources().stream().filter(s -> s.role() == SourceFile.Role.STRESS_TEST).toList();
        String classPath = System.getProperty("java.class.path");
        try {
            Path classesDir = Files.createTempDirectory("interleave-stress").resolve("classes");
            Files.createDirectories(classesDir);
            List<String> errors = precompiled != null && !precompiled.harness().isEmpty() && !precompiled.testList().isBlank()
                    ? StressHarnessCompiler.write(withoutTests(classes, job), precompiled.harness(), precompiled.testList(), classesDir)
                    : StressHarnessCompiler.build(withoutTests(classes, job), stressSources, classPath, classesDir);
            if (!errors.isEmpty()) {
                failAll(checks, channel, "the stress harness could not be built: " + String.join("; ", errors), start);
                return;
            }
            List<URL> urls = new ArrayList<>();
            for (String entry : classPath.split(File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            urls.add(classesDir.toUri().toURL());
            List<String> forkArgs = new ArrayList<>(FORK_JVM_ARGS);
            forkArgs.add("-cp");
            forkArgs.add(classPath + File.pathSeparator + classesDir);
            List<String> tests = checks.stream().map(CheckSpec::test).toList();
            List<Map<String, Object>> results;
            try (URLClassLoader loader = new URLClassLoader("interleave-jcstress", urls.toArray(URL[]::new),
                    ClassLoader.getPlatformClassLoader())) {
                Object raw = loader.loadClass(StressBridge.class.getName())
                        .getMethod("run", List.class, int.class, int.class, long.class, int.class, List.class, long.class)
                        .invoke(null, tests, TIME_MS, job.stress().cpus(), MIN_SAMPLES, ATTEMPTS, forkArgs, deadlineMillis);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> typed = (List<Map<String, Object>>) raw;
                results = typed;
            }
            for (Map<String, Object> result : results) {
                report(result, channel, (System.nanoTime() - start) / 1_000_000 / Math.max(1, results.size()));
            }
        } catch (ReflectiveOperationException | MalformedURLException e) {
            failAll(checks, channel, "the stress tests could not start: " + e, start);
        } catch (java.io.IOException e) {
            failAll(checks, channel, "the stress tests could not write their harness: " + e.getMessage(), start);
        }
    }

    /**
     * The compiled classes minus the JUnit tests (hidden and public): the stress forks read their classes from a
     * folder, and the hidden tests' class files must never be on disk where student code runs.
     */
    static Map<String, byte[]> withoutTests(Map<String, byte[]> classes, RunJob job) {
        java.util.Set<String> tests = new java.util.HashSet<>();
        for (SourceFile source : job.sources()) {
            if (source.role() == SourceFile.Role.HIDDEN_TEST || source.role() == SourceFile.Role.PUBLIC_TEST) {
                String path = source.path().replaceFirst("^(hidden/|src/test/java/)", "");
                tests.add(path.substring(0, path.length() - ".java".length()).replace('/', '.'));
            }
        }
        Map<String, byte[]> kept = new java.util.HashMap<>();
        classes.forEach((name, bytes) -> {
            int nested = name.indexOf('$');
            if (!tests.contains(nested < 0 ? name : name.substring(0, nested))) {
                kept.put(name, bytes);
            }
        });
        return kept;
    }

    private static void report(Map<String, Object> result, ResultChannel channel, long ms) {
        String test = (String) result.get("test");
        String verdict = String.valueOf(result.get("verdict"));
        long samples = (Long) result.get("samples");
        @SuppressWarnings("unchecked")
        Map<String, List<Object>> outcomes = (Map<String, List<Object>>) result.get("outcomes");
        RunnerEvent.Outcome outcome;
        String message;
        switch (verdict) {
            case "PASS" -> {
                outcome = RunnerEvent.Outcome.PASSED;
                message = String.format(Locale.ROOT, "no forbidden outcome in %,d samples", samples);
            }
            case "FAIL" -> {
                outcome = RunnerEvent.Outcome.FAILED;
                List<String> seen = new ArrayList<>();
                outcomes.forEach((id, o) -> {
                    if ("FORBIDDEN".equals(o.get(0)) && ((Long) o.get(1)) > 0) {
                        seen.add(String.format(Locale.ROOT, "%s [%s] %,d times", o.get(2), id, (Long) o.get(1)));
                    }
                });
                message = String.format(Locale.ROOT, "jcstress saw forbidden outcomes in %,d samples: %s", samples, String.join("; ", seen));
            }
            case "INSUFFICIENT_SAMPLES" -> {
                outcome = RunnerEvent.Outcome.INCONCLUSIVE;
                message = String.format(Locale.ROOT, "inconclusive: the machine was too busy to collect enough samples (%,d);"
                        + " no forbidden outcome was seen", samples);
            }
            case "API_MISMATCH" -> {
                outcome = RunnerEvent.Outcome.FAILED;
                message = "the stress test could not call the contract's methods: keep the public signatures as they are";
            }
            default -> {
                outcome = RunnerEvent.Outcome.FAILED;
                message = "the stress test did not run to the end (" + verdict.toLowerCase(Locale.ROOT).replace('_', ' ') + ")"
                        + (verdict.contains("TIMEOUT") || verdict.contains("VM_ERROR") ? ": does the code hang or crash under contention?" : "");
            }
        }
        channel.send(new RunnerEvent.CheckFinished(test, outcome, message, ms));
    }

    private static void failAll(List<CheckSpec> checks, ResultChannel channel, String message, long start) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        for (CheckSpec check : checks) {
            channel.send(new RunnerEvent.CheckFinished(check.test(), RunnerEvent.Outcome.FAILED, message, ms));
        }
    }
}
