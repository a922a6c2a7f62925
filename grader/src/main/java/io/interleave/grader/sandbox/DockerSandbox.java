package io.interleave.grader.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Docker: every grading JVM in a fresh container of {@code image} (its Java runtime; the grader's own class
 * path mounted read-only at the same paths), with no network but loopback, a read-only root, a private
 * {@code /tmp}, the exercise's memory with no swap, a task limit with room for JVM threads, its CPUs pinned,
 * user nobody, no capabilities, no privilege gain; named, removed on exit, and killed when the grader stops it.
 *
 * @param docker     the docker client
 * @param image      the image as the user named it
 * @param imageId    the image's content id (part of the start-up cache's fingerprint)
 * @param javaFeature the Java feature version of the image's runtime, 0 when the image does not say
 * @param engineCpus the CPUs the engine's host has
 * @param cpuParent  the weighted cgroup parent its containers go into, or why there is none (see {@link CpuParent})
 */
public record DockerSandbox(Path docker, String image, String imageId, int javaFeature, int engineCpus,
                            CpuParent cpuParent) implements Sandbox {
    /** Containers of the grader are named with this prefix and the run id. */
    public static final String CONTAINER_PREFIX = "interleave-";
    /** The user the grading JVM runs as inside the container: nobody, no home, owns nothing. */
    static final String USER = "65534:65534";

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String describe() {
        return "docker: a fresh container of " + image + " per exercise: network none (loopback only), read-only root"
                + " with a private /tmp, memory and task limits, pinned CPUs, user nobody, no capabilities, removed after";
    }

    @Override
    public Confinement confine(SandboxRequest request) {
        return Confinement.enforcedBy(String.format(Locale.ROOT, "container of %s: memory %d MiB, %d tasks, CPUs %s, %s",
                image, request.memoryMb(), request.maxTasks(), cpuSet(request.cpus()).orElse("all"), cpuParent.describe()));
    }

    /**
     * Where the grader's containers sit in the engine's cgroup tree. Docker's default parent ({@code /docker})
     * weighs as much as one busy process in another session on a kernel with autogroup scheduling, and the
     * kernel then runs a container's threads on one CPU by turns while that process runs (measured: two
     * spinning threads side by side 0-8% of the time). On a local engine with the cgroupfs driver on cgroup v1
     * the grader makes its own parent, {@code /interleave}, with {@link Confinement#CPU_SHARES_PER_CPU} per
     * CPU (measured: 91-93%); elsewhere it says why it cannot.
     *
     * @param cgroupParent the {@code --cgroup-parent}, empty when the default parent is used
     * @param describe     what the report's sandbox line says about it
     */
    public record CpuParent(String cgroupParent, String describe) {
        static final String NAME = "interleave";

        /** The default parent, with the reason the grader did not make its own. */
        public static CpuParent unweighted(String why) {
            return new CpuParent("", "cpu weight not set (" + why + ")");
        }

        /** Makes (or reuses) the weighted parent where the engine is local, cgroupfs on v1, and the tree writable. */
        static CpuParent arrange(String host, String driver, String version, int engineCpus, Path cgroupRoot) {
            if (!host.startsWith("unix://")) {
                return unweighted("the engine is not local: " + host);
            }
            if (!"cgroupfs".equals(driver) || !"1".equals(version)) {
                return unweighted("the engine uses the " + driver + " cgroup driver on cgroup v" + version);
            }
            Path cpu = cgroupRoot.resolve("cpu");
            if (!Files.isWritable(cpu)) {
                return unweighted("the grader may not write " + cpu + "; run it as root to weight the containers");
            }
            long shares = Confinement.cpuShares(engineCpus);
            try {
                Path parent = Files.createDirectories(cpu.resolve(NAME));
                Files.writeString(parent.resolve("cpu.shares"), String.valueOf(shares), StandardCharsets.US_ASCII);
                return new CpuParent("/" + NAME, "cgroup parent /" + NAME + " with cpu.shares " + shares);
            } catch (IOException | RuntimeException e) {
                return unweighted("could not make " + cpu.resolve(NAME) + ": " + e.getMessage());
            }
        }
    }

    /** The container's name for a run. */
    public static String containerName(SandboxRequest request) {
        return CONTAINER_PREFIX + request.runId();
    }

    /**
     * {@code docker run} of {@code command}: its first element (the host's java) is replaced by the image's
     * {@code java}, the host's Java home is not mounted, every other read-only path is mounted at its own path.
     */
    @Override
    public List<String> wrap(SandboxRequest request, List<String> command, Confinement confinement) {
        List<String> args = run(request, command);
        args.addAll(List.of("--rm", "--name", containerName(request),
                "--user", USER,
                "--memory", request.memoryMb() + "m", "--memory-swap", request.memoryMb() + "m",
                "--pids-limit", String.valueOf(request.maxTasks())));
        cpuSet(request.cpus()).ifPresent(cpus -> args.addAll(List.of("--cpuset-cpus", cpus)));
        if (!cpuParent.cgroupParent().isEmpty()) {
            args.addAll(List.of("--cgroup-parent", cpuParent.cgroupParent(),
                    "--cpu-shares", String.valueOf(Confinement.cpuShares(request.cpus()))));
        }
        return finish(args, command);
    }

    /**
     * The command that trains the start-up cache in a container of this image: like a grading run (same
     * runtime, same paths, same JVM options) but with {@code cacheDir} writable and the cache owner's user, for
     * the exercise's own stub only (trusted code).
     */
    public List<String> trainingCommand(SandboxRequest request, List<String> command, Path cacheDir, String user) {
        List<String> args = run(request, command);
        args.addAll(List.of("--rm", "--name", containerName(request) + "-training", "--user", user,
                "--mount", "type=bind,source=" + cacheDir + ",target=" + cacheDir));
        return finish(args, command);
    }

    private List<String> run(SandboxRequest request, List<String> command) {
        List<String> args = new ArrayList<>(List.of(docker.toString(), "run", "--interactive",
                "--network", "none", "--read-only",
                "--tmpfs", "/tmp:rw,nosuid,nodev,exec,mode=1777,size=" + request.tmpMb() + "m",
                "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--ipc", "private",
                "--hostname", "interleave", "--workdir", "/tmp", "--log-driver", "none",
                "--env", "HOME=/tmp", "--env", "LANG=C.UTF-8"));
        Path hostJavaHome = Path.of(command.get(0)).getParent().getParent();
        Set<Path> binds = new LinkedHashSet<>();
        for (Path path : request.readOnlyPaths()) {
            Path absolute = path.toAbsolutePath().normalize();
            if (!absolute.equals(hostJavaHome)) {
                binds.add(absolute);
            }
        }
        for (Path bind : binds) {
            args.addAll(List.of("--mount", "type=bind,source=" + bind + ",target=" + bind + ",readonly"));
        }
        for (Path masked : request.maskedPaths()) {
            args.addAll(List.of("--tmpfs", masked + ":ro,size=1m"));
        }
        return args;
    }

    private List<String> finish(List<String> args, List<String> command) {
        args.addAll(List.of("--entrypoint", "java", image));
        args.addAll(command.subList(1, command.size()));
        return args;
    }

    /** The first {@code cpus} CPUs, or empty when the engine's host has fewer (then the JVM is told, not pinned). */
    Optional<String> cpuSet(int cpus) {
        if (cpus > engineCpus) {
            return Optional.empty();
        }
        return Optional.of(cpus == 1 ? "0" : "0-" + (cpus - 1));
    }

    /** Kills and removes the run's container, if it is still there. */
    @Override
    public void stop(SandboxRequest request) {
        try {
            Process rm = new ProcessBuilder(docker.toString(), "rm", "--force", containerName(request))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!rm.waitFor(20, TimeUnit.SECONDS)) {
                rm.destroyForcibly();
            }
        } catch (IOException e) {
            // no client: nothing more the grader can do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
