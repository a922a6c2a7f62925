package io.interleave.grader.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Resource limits around one grading run: a cgroup (v1 or v2) capping memory and the number of tasks
 * (processes and threads) where this host lets the grader create one, and CPU pinning with taskset.
 * Closing it kills whatever is left in the cgroup and removes it.
 *
 * <p>Where the host lets it, the run also gets a CPU cgroup with a high weight ({@link #CPU_SHARES_PER_CPU}).
 * Without one, a Linux kernel with autogroup scheduling ({@code kernel.sched_autogroup_enabled}) treats the
 * sandbox's session as one scheduling entity worth a single busy process: one busy process elsewhere then gets as
 * much CPU as the whole grading, and the kernel balances that by running the student's threads on one CPU, taking
 * turns. Measured on 2 CPUs with a busy process in another session: two spinning threads ran side by side 4-13% of
 * the time without the weight, 90% with it. Checks that need two threads at the same instant (lost updates, races)
 * depend on that. The weight only matters while the CPUs are contended and takes nothing from an idle machine.
 */
public final class Confinement implements AutoCloseable {
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    /** cgroup v1 {@code cpu.shares} per CPU of the exercise: 16 times a nice-0 process (v2: the same ratio). */
    static final int CPU_SHARES_PER_CPU = 16 * 1024;

    /** The v1 {@code cpu.shares} for a run on {@code cpus} CPUs (at least one). */
    static long cpuShares(int cpus) {
        return (long) CPU_SHARES_PER_CPU * Math.max(1, cpus);
    }
    private final List<Path> groups;
    private final String describe;

    private Confinement(List<Path> groups, String describe) {
        this.groups = groups;
        this.describe = describe;
    }

    /** No cgroup: for probing a backend with a command that needs no limits. */
    public static Confinement none() {
        return new Confinement(List.of(), "no cgroup");
    }

    /** No cgroup of the grader's: the limits are enforced by something else, which {@code describe} names. */
    public static Confinement enforcedBy(String describe) {
        return new Confinement(List.of(), describe);
    }

    /** Creates a cgroup with the request's memory and task limits, or none when the host does not allow it. */
    public static Confinement create(SandboxRequest request) {
        String name = "interleave-" + UUID.randomUUID();
        long bytes = (long) request.memoryMb() * 1024 * 1024;
        Optional<Confinement> v1 = createV1(name, bytes, request);
        if (v1.isPresent()) {
            return v1.get();
        }
        return createV2(name, bytes, request).orElseGet(() -> new Confinement(List.of(),
                "no cgroup available: memory bounded by the JVM heap only, tasks not capped"));
    }

    private static Optional<Confinement> createV1(String name, long bytes, SandboxRequest request) {
        Map<String, String> own = ownGroups();
        List<Path> made = new ArrayList<>();
        try {
            Path pids = makeGroup(CGROUP_ROOT.resolve("pids"), own.get("pids"), name, made);
            Path memory = makeGroup(CGROUP_ROOT.resolve("memory"), own.get("memory"), name, made);
            if (pids == null || memory == null) {
                remove(made);
                return Optional.empty();
            }
            write(pids.resolve("pids.max"), String.valueOf(request.maxTasks()));
            write(memory.resolve("memory.limit_in_bytes"), String.valueOf(bytes));
            if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
                write(memory.resolve("memory.memsw.limit_in_bytes"), String.valueOf(bytes));
            }
            String cpu = weightV1(own.get("cpu"), name, request.cpus(), made);
            return Optional.of(new Confinement(made, String.format(Locale.ROOT, "cgroup v1: memory %d MiB, %d tasks, %s",
                    request.memoryMb(), request.maxTasks(), cpu)));
        } catch (IOException | RuntimeException e) {
            remove(made);
            return Optional.empty();
        }
    }

    private static Optional<Confinement> createV2(String name, long bytes, SandboxRequest request) {
        String own = ownGroups().get("");
        if (own == null || !Files.exists(CGROUP_ROOT.resolve("cgroup.controllers"))) {
            return Optional.empty();
        }
        List<Path> made = new ArrayList<>();
        try {
            Path group = makeGroup(CGROUP_ROOT, own, name, made);
            if (group == null) {
                return Optional.empty();
            }
            write(group.resolve("memory.max"), String.valueOf(bytes));
            write(group.resolve("memory.swap.max"), "0");
            write(group.resolve("pids.max"), String.valueOf(request.maxTasks()));
            String cpu = weightV2(group, request.cpus());
            return Optional.of(new Confinement(made, String.format(Locale.ROOT, "cgroup v2: memory %d MiB, %d tasks, %s",
                    request.memoryMb(), request.maxTasks(), cpu)));
        } catch (IOException | RuntimeException e) {
            remove(made);
            return Optional.empty();
        }
    }

    /**
     * Gives the run a v1 {@code cpu} cgroup weighted by its CPUs, or says why not. A missing or read-only cpu
     * controller is not an error: the run goes on without the weight and the report's sandbox line says so.
     */
    private static String weightV1(String own, String name, int cpus, List<Path> made) {
        Path cpu = null;
        try {
            cpu = makeGroup(CGROUP_ROOT.resolve("cpu"), own, name, made);
            if (cpu == null) {
                return "cpu weight not set (no writable cpu controller)";
            }
            write(cpu.resolve("cpu.shares"), String.valueOf(cpuShares(cpus)));
            return "cpu.shares " + cpuShares(cpus);
        } catch (IOException | RuntimeException e) {
            if (cpu != null && made.remove(cpu)) {
                remove(List.of(cpu));
            }
            return "cpu weight not set (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Sets {@code cpu.weight} on a v2 group where the parent delegates the cpu controller, or says why not. */
    private static String weightV2(Path group, int cpus) {
        try {
            Path controllers = group.resolve("cgroup.controllers");
            if (!Files.exists(controllers) || !List.of(Files.readString(controllers).trim().split("\\s+")).contains("cpu")) {
                return "cpu weight not set (the cpu controller is not delegated to the grader's cgroup)";
            }
            long weight = Math.min(10_000, 100 * cpuShares(cpus) / 1024);
            write(group.resolve("cpu.weight"), String.valueOf(weight));
            return "cpu.weight " + weight;
        } catch (IOException | RuntimeException e) {
            return "cpu weight not set (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** The controller-to-path map of this process's cgroups ({@code ""} for the v2 hierarchy). */
    private static Map<String, String> ownGroups() {
        Map<String, String> groups = new java.util.HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] parts = line.split(":", 3);
                if (parts.length == 3) {
                    for (String controller : parts[1].split(",")) {
                        groups.put(controller, parts[2]);
                    }
                }
            }
        } catch (IOException e) {
            // no cgroups: nothing to join
        }
        return groups;
    }

    private static Path makeGroup(Path mount, String own, String name, List<Path> made) throws IOException {
        if (own == null || !Files.isDirectory(mount)) {
            return null;
        }
        Path parent = mount.resolve(own.startsWith("/") ? own.substring(1) : own);
        if (!Files.isWritable(parent)) {
            return null;
        }
        Path group = Files.createDirectory(parent.resolve(name));
        made.add(group);
        return group;
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    /** Prefixes {@code command} so that its first process joins the cgroup before it starts anything. */
    public List<String> join(List<String> command) {
        if (groups.isEmpty()) {
            return command;
        }
        StringBuilder script = new StringBuilder();
        for (Path group : groups) {
            script.append("echo $$ > '").append(group.resolve("cgroup.procs")).append("' || exit 125; ");
        }
        script.append("exec \"$@\"");
        List<String> joined = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "sh"));
        joined.addAll(command);
        return joined;
    }

    /** A taskset prefix pinning the command to the first {@code cpus} CPUs, or nothing if that cannot be done. */
    public List<String> pinning(int cpus) {
        Path taskset = Path.of("/usr/bin/taskset");
        int online = Runtime.getRuntime().availableProcessors();
        if (!Files.isExecutable(taskset) || cpus > online) {
            return List.of();
        }
        return List.of(taskset.toString(), "-c", cpus == 1 ? "0" : "0-" + (cpus - 1));
    }

    public String describe() {
        return describe;
    }

    /** Whether the grader made a cgroup for this run. */
    public boolean ownsCgroup() {
        return !groups.isEmpty();
    }

    /** Kills every process left in the cgroup. */
    public void killAll() {
        for (Path group : groups) {
            try (Stream<String> pids = Files.lines(group.resolve("cgroup.procs"))) {
                pids.map(String::trim).filter(s -> !s.isEmpty()).forEach(pid ->
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
            } catch (IOException | RuntimeException e) {
                // the group is gone already
            }
        }
    }

    @Override
    public void close() {
        for (int attempt = 0; attempt < 50 && !groups.isEmpty(); attempt++) {
            killAll();
            if (remove(groups)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean remove(List<Path> groups) {
        boolean all = true;
        for (Path group : groups) {
            try {
                Files.deleteIfExists(group);
            } catch (IOException e) {
                all = false;
            }
        }
        return all;
    }
}
