package io.interleave.grader.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.interleave.grader.exercise.Limits;
import io.interleave.grader.exercise.Tool;
import io.interleave.grader.runner.ChannelCodec;
import io.interleave.grader.runner.RunJob;
import io.interleave.grader.runner.RunnerEvent;
import io.interleave.grader.runner.RunnerMain;
import io.interleave.grader.sandbox.BwrapSandbox;
import io.interleave.grader.sandbox.Confinement;
import io.interleave.grader.sandbox.ContainerSandbox;
import io.interleave.grader.sandbox.DockerSandbox;
import io.interleave.grader.sandbox.NoSandbox;
import io.interleave.grader.sandbox.Sandbox;
import io.interleave.grader.sandbox.SandboxRequest;
import io.interleave.grader.sandbox.UnshareSandbox;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Starts one grading JVM in a sandbox, hands it the channel key and the job on standard input, reads its
 * signed events, and kills the whole process tree at the wall-clock limit or when its output floods.
 */
public final class GradingJvm {
    /** Bytes of output outside the channel after which the run is stopped. */
    public static final long FLOOD_LIMIT = 8L * 1024 * 1024;
    /** Tasks (processes and threads) the sandbox allows: room for the JVM's own threads and the tests'. */
    public static final int MAX_TASKS = 1024;
    private static final ObjectMapper JOB_WRITER = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static RunnerClassPath runnerClassPath;
    private static Optional<Path> agent;

    private GradingJvm() {
    }

    /**
     * Runs {@code job} in a JVM that offers {@code tools}; {@code trainingJob} (the exercise's own stub, trusted
     * code) trains the start-up cache the first time this JDK and grader build run it.
     */
    public static RunResult run(Sandbox sandbox, Limits limits, Set<Tool> tools, RunJob job, Supplier<RunJob> trainingJob)
            throws IOException, InterruptedException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        ChannelCodec codec = new ChannelCodec(secret);
        List<Path> readOnly = readOnlyPaths();
        List<String> java = javaCommand(limits, tools);
        String runId = UUID.randomUUID().toString();
        Optional<Path> cache = startupCache(sandbox, limits, java, runId, trainingJob);
        if (cache.isPresent()) {
            java = StartupCache.using(java, cache.get());
            readOnly.add(cache.get());
        }
        SandboxRequest request = request(runId, readOnly, limits);
        long start = System.nanoTime();
        try (Confinement confinement = sandbox.confine(request)) {
            ProcessBuilder builder = new ProcessBuilder(sandbox.wrap(request, java, confinement))
                    .directory(new File(System.getProperty("java.io.tmpdir")));
            AtomicReference<Process> started = new AtomicReference<>();
            Thread onInterrupt = new Thread(() -> {
                Process running = started.get();
                if (running != null) {
                    kill(running, confinement);
                }
                sandbox.stop(request);
            }, "grader-stop-sandbox");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                Process process = builder.start();
                started.set(process);
                return await(sandbox, request, confinement, process, codec, secret, job, limits, start);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run: it stops the sandbox
                }
            }
        }
    }

    /**
     * Trains the start-up cache the grading JVM of these limits uses in {@code sandbox}, if it is missing; the
     * cache file, or empty when this JDK (or the image's) cannot use one.
     */
    public static Optional<Path> prepare(Sandbox sandbox, Limits limits, Set<Tool> tools, Supplier<RunJob> trainingJob) {
        return startupCache(sandbox, limits, javaCommand(limits, tools), UUID.randomUUID().toString(), trainingJob);
    }

    private static Optional<Path> startupCache(Sandbox sandbox, Limits limits, List<String> java, String runId,
                                               Supplier<RunJob> trainingJob) {
        return switch (sandbox) {
            case DockerSandbox docker -> StartupCache.forContainer(docker, request(runId, readOnlyPaths(), limits), java,
                    trainingJob.get());
            case BwrapSandbox bwrap -> StartupCache.forRunner(java, trainingJob.get());
            case UnshareSandbox unshare -> StartupCache.forRunner(java, trainingJob.get());
            case ContainerSandbox container -> StartupCache.forRunner(java, trainingJob.get());
            case NoSandbox none -> StartupCache.forRunner(java, trainingJob.get());
        };
    }

    /** What the grading JVM reads: this JDK and every entry of its class path. */
    private static List<Path> readOnlyPaths() {
        List<Path> readOnly = new ArrayList<>();
        readOnly.add(Path.of(System.getProperty("java.home")));
        readOnly.addAll(runnerClassPath().entries());
        return readOnly;
    }

    private static List<String> javaCommand(Limits limits, Set<Tool> tools) {
        List<String> agents = tools.contains(Tool.MODEL_CHECKER)
                ? List.of("-javaagent:" + agent().orElseThrow(() -> new IllegalStateException(
                        "this exercise model-checks its hidden tests, but the grader's class path holds no instrumentation"
                                + " agent (Byte Buddy's, with a Premain-Class): rebuild the grader jar")),
                        "-Dinterleave.model-checker=true",
                        "-Djava.system.class.loader=io.interleave.grader.runner.RunnerSystemLoader")
                : List.of();
        return javaCommand(System.getProperty("java.home"), runnerClassPath().joined(), limits, agents);
    }

    private static SandboxRequest request(String runId, List<Path> readOnly, Limits limits) {
        return new SandboxRequest(runId, readOnly, limits.memoryMb(), MAX_TASKS, limits.cpus(), 256,
                runnerClassPath().masked());
    }

    /** The agent jar of model-checking grading JVMs, looked up in the class path's manifests once per process. */
    private static synchronized Optional<Path> agent() {
        if (agent == null) {
            agent = runnerClassPath().agent();
        }
        return agent;
    }

    /** The grader's class path without the bundled exercises, worked out once per process. */
    private static synchronized RunnerClassPath runnerClassPath() {
        if (runnerClassPath == null) {
            String classPath = System.getProperty("java.class.path");
            try {
                runnerClassPath = RunnerClassPath.of(classPath, StartupCache.directory().resolveSibling("runner"));
            } catch (IOException cacheNotWritable) {
                try {
                    runnerClassPath = RunnerClassPath.of(classPath,
                            Path.of(System.getProperty("java.io.tmpdir"), "interleave-runner-" + ProcessHandle.current().pid()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot write the grading JVM's class path (a copy of the grader"
                            + " jar without the exercises) to " + StartupCache.directory().resolveSibling("runner") + " or "
                            + System.getProperty("java.io.tmpdir") + ": " + e.getMessage() + "; make one of them writable", e);
                }
            }
        }
        return runnerClassPath;
    }

    private static RunResult await(Sandbox sandbox, SandboxRequest request, Confinement confinement, Process process,
                                   ChannelCodec codec, byte[] secret, RunJob job, Limits limits, long start)
            throws InterruptedException {
        Runnable stop = () -> {
            kill(process, confinement);
            sandbox.stop(request);
        };
        List<RunnerEvent> events = new CopyOnWriteArrayList<>();
        AtomicLong seq = new AtomicLong();
        AtomicLong forged = new AtomicLong();
        AtomicReference<String> flood = new AtomicReference<>();
        OutputPump out = new OutputPump(process.getInputStream(), line -> {
            if (!line.startsWith(ChannelCodec.MARKER)) {
                return false;
            }
            Optional<RunnerEvent> event = codec.decode(line, seq.get());
            if (event.isPresent()) {
                seq.incrementAndGet();
                events.add(event.get());
            } else {
                forged.incrementAndGet();
            }
            return true;
        }, FLOOD_LIMIT, 4096, bytes -> {
            flood.compareAndSet(null, "standard output");
            stop.run();
        });
        OutputPump err = new OutputPump(process.getErrorStream(), line -> false, FLOOD_LIMIT, 4096, bytes -> {
            flood.compareAndSet(null, "standard error");
            stop.run();
        });
        Thread outThread = Thread.ofPlatform().daemon().name("grader-stdout").start(out);
        Thread errThread = Thread.ofPlatform().daemon().name("grader-stderr").start(err);
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((HexFormat.of().formatHex(secret) + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.write(JOB_WRITER.writeValueAsBytes(job));
        } catch (IOException e) {
            // the JVM died before reading its job; its exit says why
        }
        boolean exited = process.waitFor(limits.timeoutSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            stop.run();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        outThread.join(5_000);
        errThread.join(5_000);
        long wall = (System.nanoTime() - start) / 1_000_000;
        int exit = process.isAlive() ? -1 : process.exitValue();
        String description = sandbox.name() + (sandbox.isUnconfined() && !confinement.ownsCgroup() ? "" : " (" + confinement.describe() + ")");
        return new RunResult(events, exit, !exited, limits.timeoutSeconds(), flood.get(), forged.get(),
                err.excerpt(), wall, description);
    }

    /**
     * The grading JVM's command line; {@code agents} are its {@code -javaagent} options, which lift the metaspace cap
     * (a model checker loads and rewrites many more classes than a test run).
     */
    static List<String> javaCommand(String javaHome, String classPath, Limits limits, List<String> agents) {
        int heap = Math.max(64, limits.memoryMb() / 2);
        List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString(),
                "-Xmx" + heap + "m", "-Xss1m", "-XX:MaxMetaspaceSize=" + (agents.isEmpty() ? 192 : 320) + "m",
                "-XX:ActiveProcessorCount=" + limits.cpus(),
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr",
                "-XX:+DisableAttachMechanism", "-XX:-UsePerfData",
                "-XX:ErrorFile=/tmp/interleave-hs_err.log", "-Xlog:disable", "-Xlog:all=error:stderr",
                "-Djava.io.tmpdir=/tmp", "-Dfile.encoding=UTF-8", "-Duser.language=en", "-Duser.country=US"));
        command.addAll(agents);
        command.addAll(List.of("-cp", classPath, RunnerMain.class.getName()));
        return List.copyOf(command);
    }

    private static void kill(Process process, Confinement confinement) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        confinement.killAll();
    }
}
