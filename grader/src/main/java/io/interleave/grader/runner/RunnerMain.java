package io.interleave.grader.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.interleave.grader.compile.CompileOutcome;
import io.interleave.grader.compile.PrecompiledLink;
import io.interleave.grader.compile.SourceCompiler;
import io.interleave.grader.exercise.CheckKind;
import io.interleave.grader.exercise.CheckSpec;
import io.interleave.grader.fetch.SourceFile;
import io.interleave.grader.structure.StructureChecker;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Main class of the grading JVM. Reads the channel key and the job from standard input before any student
 * class exists, then compiles, checks structure, runs the tests and the stress tests, and reports each step
 * as a signed event. The grader decides the score; this process only reports what it saw.
 */
public final class RunnerMain {
    static final ObjectMapper JOB_READER = JsonMapper.builder().build();
    private static final int OUTPUT_KEPT = 64 * 1024;

    private static volatile boolean finished;
    private static volatile Set<String> studentClasses = Set.of();
    private static volatile Throwable died;

    private RunnerMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            grade();
        } catch (Throwable t) {
            died = t;
            throw t;
        }
    }

    private static void grade() throws Exception {
        long start = System.nanoTime();
        InputStream stdin = System.in;
        DataInputStream in = new DataInputStream(stdin);
        ChannelCodec codec = ChannelCodec.fromHex(readLine(in));
        RunJob job = JOB_READER.readValue(in.readAllBytes(), RunJob.class);
        stdin.close();
        System.setIn(new ByteArrayInputStream(new byte[0]));
        ResultChannel channel = new ResultChannel(codec);
        CappedOutput studentOutput = new CappedOutput(OUTPUT_KEPT);
        PrintStream captured = new PrintStream(studentOutput, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished) {
                Throwable cause = died;
                channel.send(cause != null ? new RunnerEvent.Died(String.valueOf(cause))
                        : new RunnerEvent.ExitCalled(StackExcerpts.exitCaller()));
            }
        }, "interleave-exit-watch"));
        startWatchdog(job, channel);
        channel.send(new RunnerEvent.Started(Runtime.version().toString(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024)));

        long t0 = System.nanoTime();
        Precompiled precompiled = job.precompiled();
        Compilation compilation = compile(job.sources(), precompiled, System.getProperty("java.class.path"));
        CompileOutcome compiled = compilation.outcome();
        channel.send(new RunnerEvent.Compiled(compiled.success(), compiled.diagnostics(), compiled.crash(), millisSince(t0)));
        if (!compiled.success()) {
            end(channel, start, job.training());
            return;
        }
        Set<String> students = Set.copyOf(compiled.studentClasses());
        studentClasses = students;
        Predicate<String> isStudentClass = students::contains;

        t0 = System.nanoTime();
        Map<String, byte[]> studentBytes = new HashMap<>();
        students.forEach(name -> studentBytes.put(name, compiled.classes().get(name)));
        List<String> violations = outsidePackage(students, job.packageName());
        if (violations.isEmpty()) {
            Path scratch = Files.createTempDirectory("interleave-structure");
            violations = StructureChecker.check(studentBytes, job.packageName(), job.permissions(), scratch);
        }
        channel.send(new RunnerEvent.StructureChecked(violations, millisSince(t0)));
        if (!violations.isEmpty() && job.enforcePolicy()) {
            end(channel, start, job.training());
            return;
        }

        MemoryClassLoader loader = new MemoryClassLoader(compiled.classes(), RunnerMain.class.getClassLoader());
        if (ModelCheckerBridge.wanted()) {
            ModelCheckerBridge.register(loader, compiled.classes().keySet());
        }
        JUnitChecks.run(job.checks(), loader, job.testTimeoutSeconds(), channel, isStudentClass);
        List<CheckSpec> stress = job.checks().stream().filter(c -> c.kind() == CheckKind.STRESS).toList();
        if (!stress.isEmpty()) {
            long deadline = System.currentTimeMillis() + job.stacksAfterMillis() - millisSince(start) - 1_000;
            StressChecks.run(stress, compiled.classes(), compilation.linked() ? precompiled : null, job, channel, deadline);
        }
        end(channel, start, job.training());
    }

    /**
     * Compiles the student's files (and the given ones) alone and links them to the grader's precompiled classes
     * when those link to them exactly as to the stub; otherwise, and when anything does not compile, compiles all
     * sources together, so that every diagnostic is the compiler's own.
     */
    static Compilation compile(List<SourceFile> sources, Precompiled precompiled, String classPath) {
        if (precompiled != null) {
            List<SourceFile> own = sources.stream()
                    .filter(s -> s.role().isStudent() || s.role() == SourceFile.Role.GIVEN).toList();
            CompileOutcome alone = SourceCompiler.compile(own, classPath);
            if (alone.success() && PrecompiledLink.mismatch(alone.classes(), precompiled.stub(), precompiled.classes()).isEmpty()) {
                Map<String, byte[]> classes = new HashMap<>(precompiled.classes());
                classes.putAll(alone.classes());
                return new Compilation(new CompileOutcome(true, classes, alone.studentClasses(), alone.diagnostics(), null), true);
            }
            if (alone.crash() != null) {
                return new Compilation(alone, false);
            }
        }
        return new Compilation(SourceCompiler.compile(sources, classPath), false);
    }

    /** What compiling produced, and whether the grader's precompiled classes are part of it. */
    record Compilation(CompileOutcome outcome, boolean linked) {
    }

    private static List<String> outsidePackage(Set<String> classes, String exercisePackage) {
        return classes.stream().filter(c -> !c.startsWith(exercisePackage + ".") || c.substring(exercisePackage.length() + 1).contains("."))
                .map(c -> "declares class " + c + " outside the exercise's package " + exercisePackage
                        + "; every file you submit must start with 'package " + exercisePackage + ";'")
                .sorted().toList();
    }

    private static void end(ResultChannel channel, long start, boolean training) {
        finished = true;
        channel.send(new RunnerEvent.Finished(millisSince(start)));
        if (training) {
            System.exit(0);
        }
        Runtime.getRuntime().halt(0);
    }

    private static void startWatchdog(RunJob job, ResultChannel channel) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(job.stacksAfterMillis());
            } catch (InterruptedException e) {
                return;
            }
            Set<String> students = studentClasses;
            channel.send(new RunnerEvent.Stacks("time limit", StackExcerpts.ofStudentThreads(students::contains)));
            finished = true;
            Runtime.getRuntime().halt(3);
        }, "interleave-watchdog");
        watchdog.setDaemon(true);
        watchdog.setPriority(Thread.MAX_PRIORITY);
        watchdog.start();
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
