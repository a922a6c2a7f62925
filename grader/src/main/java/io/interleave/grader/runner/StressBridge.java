package io.interleave.grader.runner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.TestExecutor;
import org.openjdk.jcstress.Verbosity;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.runners.SpinLoopStyle;
import org.openjdk.jcstress.infra.runners.TestConfig;
import org.openjdk.jcstress.infra.runners.TestList;
import org.openjdk.jcstress.os.AffinityMode;
import org.openjdk.jcstress.os.Scheduler;
import org.openjdk.jcstress.os.SchedulingClass;
import org.openjdk.jcstress.os.topology.Topology;
import org.openjdk.jcstress.vm.CompileMode;

/**
 * Drives jcstress's test executor directly, without its command-line front end (which probes the VM with
 * some twenty JVMs and burns the CPUs for a second before testing). Loaded in a class loader of its own that
 * sees jcstress and the harness folder, so that jcstress finds the run's {@code META-INF/TestList}; talks to
 * the runner in JDK types only. A test that passes with fewer samples than asked is run again, and stays
 * {@code INSUFFICIENT_SAMPLES} if it still has too few: it never passes without having really tested.
 */
public final class StressBridge {
    private StressBridge() {
    }

    /**
     * Runs each named test; returns one map per test: {@code test}, {@code verdict} (PASS, FAIL, NOT_FOUND,
     * UNSCHEDULABLE, INSUFFICIENT_SAMPLES, MISSING_RESULTS or a jcstress status), {@code samples} and
     * {@code outcomes} (id to [expectation, count, description]). The sample gate applies to each attempt on its
     * own: a fork whose batch sizing collapsed (a loaded machine) yields a few dozen samples, and several such
     * attempts must not add up to a pass.
     */
    public static List<Map<String, Object>> run(List<String> tests, int timeMs, int cpus, long minSamples, int attempts,
                                                List<String> forkJvmArgs, long deadlineMillis) {
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        for (String test : tests) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("test", test);
            result.put("samples", 0L);
            result.put("outcomes", new TreeMap<String, Object>());
            results.put(test, result);
        }
        List<String> todo = new ArrayList<>(tests);
        for (int attempt = 1; attempt <= attempts && !todo.isEmpty() && System.currentTimeMillis() < deadlineMillis; attempt++) {
            runOnce(todo, results, timeMs, cpus, forkJvmArgs, deadlineMillis);
            List<String> again = new ArrayList<>();
            for (String test : todo) {
                Map<String, Object> result = results.get(test);
                if ("PASS".equals(result.get("verdict")) && (Long) result.get("attemptSamples") < minSamples) {
                    again.add(test);
                }
            }
            todo = again;
        }
        for (String test : todo) {
            results.get(test).put("verdict", "INSUFFICIENT_SAMPLES");
        }
        return new ArrayList<>(results.values());
    }

    private static void runOnce(List<String> tests, Map<String, Map<String, Object>> results, int timeMs, int cpus,
                                List<String> forkJvmArgs, long deadlineMillis) {
        Options options = new Options(new String[0]) {
            @Override
            public int getTime() {
                return timeMs;
            }

            @Override
            public int getIterations() {
                return 1;
            }

            @Override
            public int getStrideSize() {
                return 256;
            }

            @Override
            public int getStrideCount() {
                return 40;
            }

            @Override
            public SpinLoopStyle getSpinStyle() {
                return SpinLoopStyle.THREAD_SPIN_WAIT;
            }

            @Override
            public int getHeapPerForkMb() {
                return 64;
            }

            @Override
            public int getCPUCount() {
                return cpus;
            }

            @Override
            public int getForks() {
                return 1;
            }

            @Override
            public AffinityMode affinityMode() {
                return AffinityMode.NONE;
            }

            @Override
            public Verbosity verbosity() {
                return new Verbosity(0);
            }
        };
        Scheduler scheduler = new Scheduler(Topology.get(), cpus);
        List<TestConfig> configs = new ArrayList<>();
        for (String test : tests) {
            TestInfo info;
            try {
                info = TestList.getInfo(test);
            } catch (IllegalArgumentException | NullPointerException e) {
                results.get(test).put("verdict", "NOT_FOUND");
                continue;
            }
            List<SchedulingClass> classes = scheduler.scheduleClasses(info.threads(), cpus, AffinityMode.NONE);
            if (classes.isEmpty()) {
                results.get(test).put("verdict", "UNSCHEDULABLE");
                continue;
            }
            configs.add(new TestConfig(options, info, 0, new ArrayList<>(forkJvmArgs), CompileMode.UNIFIED, classes.get(0)));
        }
        List<TestResult> collected = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        Thread reaper = new Thread(() -> {
            while (!done.get()) {
                boolean late = System.currentTimeMillis() > deadlineMillis;
                Instant tooOld = Instant.now().minusSeconds(20);
                ProcessHandle.current().descendants()
                        .filter(p -> p.info().commandLine().orElse("").contains("org.openjdk.jcstress.ForkedMain"))
                        .filter(p -> late || p.info().startInstant().map(i -> i.isBefore(tooOld)).orElse(false))
                        .forEach(ProcessHandle::destroyForcibly);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "interleave-jcstress-reaper");
        reaper.setDaemon(true);
        reaper.start();
        try {
            if (!configs.isEmpty()) {
                new TestExecutor(new Verbosity(0), collected::add, scheduler).runAll(configs);
            }
        } catch (Exception e) {
            for (TestConfig config : configs) {
                results.get(config.name).putIfAbsent("verdict", "ERROR: " + e);
            }
        } finally {
            done.set(true);
        }
        for (TestConfig config : configs) {
            Map<String, Object> result = results.get(config.name);
            TestResult run = collected.stream().filter(r -> r.getName().equals(config.name)).findFirst().orElse(null);
            if (run == null) {
                result.putIfAbsent("verdict", "MISSING_RESULTS");
                continue;
            }
            result.put("samples", (Long) result.get("samples") + run.getTotalCount());
            result.put("attemptSamples", run.getTotalCount());
            if (!run.status().name().equals("NORMAL")) {
                result.put("verdict", run.status().name());
                List<String> messages = new ArrayList<>(run.getMessages());
                messages.addAll(run.getVmErr());
                result.put("messages", messages.subList(0, Math.min(5, messages.size())));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> outcomes = (Map<String, Object>) result.get("outcomes");
            for (GradingResult graded : run.grading().gradingResults.values()) {
                long before = outcomes.containsKey(graded.id) ? (Long) ((List<?>) outcomes.get(graded.id)).get(1) : 0L;
                outcomes.put(graded.id, List.of(graded.expect.name(), before + graded.count, String.valueOf(graded.description)));
            }
            boolean passed = run.grading().isPassed && run.getTotalCount() > 0;
            if (!"FAIL".equals(result.get("verdict"))) {
                result.put("verdict", passed ? "PASS" : "FAIL");
            }
        }
    }
}
