package io.interleave.grader.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the sandbox a mode asks for; {@code auto} picks the strongest backend that works on this host: Docker
 * when an engine answers and has the image, then bubblewrap, then util-linux's unshare (nothing to install),
 * then (only inside the grader image) the grader's own container.
 */
public final class SandboxSelector {
    /** The image the Docker backend runs when none is named: what docker/Dockerfile is built as. */
    public static final String DEFAULT_IMAGE = "interleave-grader";
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=(?:jdk-?)?(\\d+)", Pattern.MULTILINE);
    private static volatile Optional<Path> workingBwrap;
    private static volatile Optional<UnshareSandbox> workingUnshare;
    private static final Map<String, DockerProbe> DOCKER_PROBES = new ConcurrentHashMap<>();

    private SandboxSelector() {
    }

    /** The sandbox for {@code mode} with the default Docker image, or an explanation of why it cannot run here. */
    public static Sandbox select(SandboxMode mode) {
        return select(mode, defaultImage(), note -> { });
    }

    /** {@code $INTERLEAVE_DOCKER_IMAGE}, else {@value #DEFAULT_IMAGE}. */
    public static String defaultImage() {
        String image = System.getenv("INTERLEAVE_DOCKER_IMAGE");
        return image == null || image.isBlank() ? DEFAULT_IMAGE : image;
    }

    /**
     * The sandbox for {@code mode}, Docker running {@code image}; {@code notes} hears why {@code auto} passed over a
     * backend that is installed but not usable.
     */
    public static Sandbox select(SandboxMode mode, String image, Consumer<String> notes) {
        return switch (mode) {
            case NONE -> new NoSandbox();
            case DOCKER -> switch (docker(image)) {
                case DockerProbe.Ready ready -> ready.sandbox();
                case DockerProbe.Unavailable no -> throw new SandboxUnavailableException(no.reason());
            };
            case BWRAP -> bwrap().<Sandbox>map(BwrapSandbox::new).orElseThrow(() -> new SandboxUnavailableException(
                    "bubblewrap (bwrap) is not installed or cannot create namespaces here; install it"
                            + " (Debian/Ubuntu: apt-get install bubblewrap) or choose --sandbox unshare (nothing to install)"));
            case UNSHARE -> unshare().<Sandbox>map(u -> u).orElseThrow(() -> new SandboxUnavailableException(
                    "unshare cannot confine here: " + unshareMissing()
                            + "; choose --sandbox bwrap or --sandbox docker"));
            case AUTO -> auto(image, notes);
        };
    }

    private static Sandbox auto(String image, Consumer<String> notes) {
        DockerProbe docker = docker(image);
        String dockerMissing;
        switch (docker) {
            case DockerProbe.Ready ready -> {
                return ready.sandbox();
            }
            case DockerProbe.Unavailable no -> {
                if (no.engineAnswers()) {
                    notes.accept("the Docker engine answers, but " + no.reason() + "; using the next sandbox meanwhile");
                }
                dockerMissing = no.reason();
            }
        }
        Optional<Path> bwrap = bwrap();
        if (bwrap.isPresent()) {
            return new BwrapSandbox(bwrap.get());
        }
        if (System.getenv(ContainerSandbox.MARKER_VARIABLE) != null) {
            return new ContainerSandbox();
        }
        Optional<UnshareSandbox> unshare = unshare();
        if (unshare.isPresent()) {
            notes.accept("no Docker engine with the grader image and no bubblewrap here: sandboxing with util-linux's"
                    + " unshare (new user, pid, network and mount namespaces, nothing to install)");
            return unshare.get();
        }
        throw new SandboxUnavailableException("no sandbox backend works on this host (docker: " + dockerMissing
                + "; bwrap: not installed or cannot create namespaces; unshare: " + unshareMissing()
                + "); start a Docker engine, or install bubblewrap (apt-get install bubblewrap), or allow user"
                + " namespaces (sysctl kernel.unprivileged_userns_clone=1, or run as root), or run with --sandbox none"
                + " to grade unconfined");
    }

    /** Asks the engine (once per image and grader run) whether it answers and has {@code image}. */
    public static DockerProbe docker(String image) {
        return DOCKER_PROBES.computeIfAbsent(image, SandboxSelector::probeDocker);
    }

    private static DockerProbe probeDocker(String image) {
        Optional<Path> client = onPath("docker");
        if (client.isEmpty()) {
            return new DockerProbe.Unavailable("no docker client on the PATH; install Docker (Debian/Ubuntu: apt-get install"
                    + " docker.io) or choose --sandbox bwrap", false);
        }
        String docker = client.get().toString();
        String host = Optional.ofNullable(System.getenv("DOCKER_HOST")).filter(h -> !h.isBlank())
                .orElse("unix:///var/run/docker.sock");
        Optional<String> ncpu = call(List.of(docker, "info", "--format", "{{.NCPU}}"));
        if (ncpu.isEmpty() || !ncpu.get().strip().matches("\\d+")) {
            return new DockerProbe.Unavailable("Docker engine not answering at " + host + ": start it (sudo systemctl start"
                    + " docker, or dockerd &) or choose --sandbox bwrap", false);
        }
        Optional<String> inspected = call(List.of(docker, "image", "inspect", "--format",
                "{{.Id}}{{range .Config.Env}}\n{{.}}{{end}}", image));
        if (inspected.isEmpty() || inspected.get().isBlank()) {
            return new DockerProbe.Unavailable("the image " + image + " is missing: build it with `docker build -t " + image
                    + " -f docker/Dockerfile .` after `mvn package` (see the README), or name another with --docker-image", true);
        }
        String[] lines = inspected.get().strip().split("\n", 2);
        Matcher java = JAVA_VERSION.matcher(lines.length > 1 ? lines[1] : "");
        int feature = java.find() ? Integer.parseInt(java.group(1)) : 0;
        int cpus = Integer.parseInt(ncpu.get().strip());
        String[] cgroups = call(List.of(docker, "info", "--format", "{{.CgroupDriver}} {{.CgroupVersion}}"))
                .map(i -> i.strip().split("\\s+")).filter(i -> i.length == 2).orElse(new String[] {"unknown", "unknown"});
        DockerSandbox.CpuParent parent = DockerSandbox.CpuParent.arrange(host, cgroups[0], cgroups[1], cpus,
                Path.of("/sys/fs/cgroup"));
        return new DockerProbe.Ready(new DockerSandbox(client.get(), image, lines[0].strip(), feature, cpus, parent));
    }

    /** The command's standard output (a few lines: it must fit the pipe) when it exits 0 within 20 seconds. */
    private static Optional<String> call(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Path> bwrap() {
        Optional<Path> found = workingBwrap;
        if (found == null) {
            found = onPath("bwrap").filter(SandboxSelector::probe);
            workingBwrap = found;
        }
        return found;
    }

    private static Optional<UnshareSandbox> unshare() {
        Optional<UnshareSandbox> found = workingUnshare;
        if (found == null) {
            Optional<Path> unshare = onPath("unshare");
            Optional<Path> setpriv = onPath("setpriv");
            found = unshare.isPresent() && setpriv.isPresent()
                    ? Optional.of(new UnshareSandbox(unshare.get(), setpriv.get())).filter(SandboxSelector::probe)
                    : Optional.empty();
            workingUnshare = found;
        }
        return found;
    }

    private static String unshareMissing() {
        if (onPath("unshare").isEmpty() || onPath("setpriv").isEmpty()) {
            return "util-linux's unshare and setpriv are not on the PATH";
        }
        return "it cannot create user, pid, network and mount namespaces on this host (a container without"
                + " privileges, or user namespaces disabled)";
    }

    /** Whether the sandbox really builds its namespaces and new root here: runs {@code true} inside it. */
    private static boolean probe(UnshareSandbox sandbox) {
        SandboxRequest request = new SandboxRequest("probe", List.of(), 64, 64, 1, 1, List.of());
        List<String> command = sandbox.wrap(request, List.of("/bin/true"), Confinement.none());
        return succeeds(new ProcessBuilder(command));
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean probe(Path bwrap) {
        return succeeds(new ProcessBuilder(bwrap.toString(), "--unshare-all", "--die-with-parent",
                "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"));
    }

    private static boolean succeeds(ProcessBuilder builder) {
        try {
            Process p = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
