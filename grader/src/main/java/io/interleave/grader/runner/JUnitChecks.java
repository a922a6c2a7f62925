package io.interleave.grader.runner;

import io.interleave.grader.exercise.CheckKind;
import io.interleave.grader.exercise.CheckSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs the JUnit checks of a run with the JUnit Platform launcher and reports each one on the channel. */
final class JUnitChecks {
    private static final int MESSAGE_CAP = 2_000;

    private JUnitChecks() {
    }

    static void run(List<CheckSpec> checks, ClassLoader loader, int timeoutSeconds, ResultChannel channel,
                    Predicate<String> isStudentClass) {
        List<CheckSpec> tests = checks.stream().filter(c -> c.kind() == CheckKind.TEST).toList();
        if (tests.isEmpty()) {
            return;
        }
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.execution.timeout.default", timeoutSeconds + " s")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .configurationParameter("junit.platform.output.capture.stdout", "false");
        for (CheckSpec check : tests) {
            String method = check.test().substring(check.test().indexOf('#') + 1);
            try {
                request.selectors(DiscoverySelectors.selectMethod(Class.forName(check.testClass(), false, loader), method));
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                channel.send(new RunnerEvent.CheckFinished(check.test(), RunnerEvent.Outcome.FAILED,
                        "the test could not be loaded: " + e, 0));
            }
        }
        LauncherDiscoveryRequest discovery = request.build();
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                    .execute(discovery, new Reporter(channel, isStudentClass));
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /** Sends a result for every finished test method, and for the methods of a class whose setup failed. */
    private static final class Reporter implements TestExecutionListener {
        private final ResultChannel channel;
        private final Predicate<String> isStudentClass;
        private final Map<String, Long> started = new ConcurrentHashMap<>();

        Reporter(ResultChannel channel, Predicate<String> isStudentClass) {
            this.channel = channel;
            this.isStudentClass = isStudentClass;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
            if (id.isTest()) {
                methodKey(id).ifPresent(key -> channel.send(new RunnerEvent.CheckStarted(key)));
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            methodKey(id).ifPresent(key -> channel.send(new RunnerEvent.CheckFinished(key, RunnerEvent.Outcome.SKIPPED,
                    "skipped: " + reason, 0)));
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            long ms = Optional.ofNullable(started.get(id.getUniqueId())).map(t -> (System.nanoTime() - t) / 1_000_000).orElse(0L);
            if (id.isTest()) {
                methodKey(id).ifPresent(key -> channel.send(new RunnerEvent.CheckFinished(key, outcome(result), message(result), ms)));
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL
                    && id.getSource().orElse(null) instanceof ClassSource cls) {
                channel.send(new RunnerEvent.CheckFinished(cls.getClassName() + "#*", RunnerEvent.Outcome.FAILED,
                        "the tests of this class could not start: " + message(result), ms));
            }
        }

        private static Optional<String> methodKey(TestIdentifier id) {
            return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(m -> m.getClassName() + "#" + m.getMethodName());
        }

        private static RunnerEvent.Outcome outcome(TestExecutionResult result) {
            return switch (result.getStatus()) {
                case SUCCESSFUL -> RunnerEvent.Outcome.PASSED;
                case ABORTED -> RunnerEvent.Outcome.ABORTED;
                case FAILED -> RunnerEvent.Outcome.FAILED;
            };
        }

        private String message(TestExecutionResult result) {
            Throwable t = result.getThrowable().orElse(null);
            if (t == null) {
                return "";
            }
            StringBuilder text = new StringBuilder();
            if (t instanceof AssertionError || t instanceof org.opentest4j.TestAbortedException) {
                text.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip());
            } else if (t instanceof java.util.concurrent.TimeoutException) {
                text.append(t.getMessage());
            } else {
                text.append(t.getClass().getName()).append(t.getMessage() == null ? "" : ": " + t.getMessage().strip());
            }
            if (String.valueOf(t.getMessage()).contains("unable to create native thread")
                    || t.getCause() != null && String.valueOf(t.getCause().getMessage()).contains("unable to create native thread")) {
                text.append(" [the sandbox caps the number of threads and processes: does the code start threads without end?]");
            }
            String where = StackExcerpts.frames(t.getStackTrace(), isStudentClass);
            if (!where.isEmpty()) {
                text.append(" (").append(where).append(')');
            }
            for (Throwable suppressed : t.getSuppressed()) {
                String more = StackExcerpts.frames(suppressed.getStackTrace(), isStudentClass);
                if (!more.isEmpty()) {
                    text.append(" (").append(more).append(')');
                }
            }
            return text.length() > MESSAGE_CAP ? text.substring(0, MESSAGE_CAP) + " …" : text.toString();
        }
    }
}
