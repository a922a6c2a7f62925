package io.interleave.grader.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The Docker sandbox")
class DockerSandboxTest {
    private static final DockerSandbox OFFLINE = new DockerSandbox(Path.of("/usr/bin/docker"), "img:1", "sha256:abc", 25, 2,
            DockerSandbox.CpuParent.unweighted("offline test"));

    @Test
    @DisplayName("runs the image's java in a named, removed, locked-down container with the exercise's limits")
    void commandLine() {
        SandboxRequest request = new SandboxRequest("run-1", List.of(Path.of("/jdk"), Path.of("/work/grader.jar"),
                Path.of("/work/grader.jar")), 512, 1024, 2, 256, List.of(Path.of("/work/classes/interleave/exercises")));
        List<String> command = OFFLINE.wrap(request, List.of("/jdk/bin/java", "-Xmx256m", "-cp", "/work/grader.jar", "Main"),
                Confinement.none());
        String line = String.join(" ", command);
        assertThat(command.subList(0, 2)).containsExactly("/usr/bin/docker", "run");
        assertThat(line).contains("--rm --name interleave-run-1", "--network none", "--read-only",
                "--tmpfs /tmp:rw,nosuid,nodev,exec,mode=1777,size=256m", "--memory 512m", "--memory-swap 512m",
                "--pids-limit 1024", "--cpuset-cpus 0-1", "--user 65534:65534", "--cap-drop ALL",
                "--security-opt no-new-privileges", "--log-driver none");
        assertThat(command).containsOnlyOnce("type=bind,source=/work/grader.jar,target=/work/grader.jar,readonly")
                .as("the host's JDK is not mounted: the image's runs").noneMatch(arg -> arg.contains("source=/jdk"));
        assertThat(line).contains("--tmpfs /work/classes/interleave/exercises:ro,size=1m")
                .as("the bundled exercises are hidden under an empty folder");
        assertThat(line).endsWith("--entrypoint java img:1 -Xmx256m -cp /work/grader.jar Main");
        assertThat(command).as("no weighted parent was arranged").doesNotContain("--cgroup-parent");
    }

    @Test
    @DisplayName("puts containers in a weighted cgroup parent where it can make one, and says why not where it cannot")
    void weightedParent(@TempDir Path root) throws Exception {
        Files.createDirectory(root.resolve("cpu"));
        DockerSandbox.CpuParent parent = DockerSandbox.CpuParent.arrange("unix:///var/run/docker.sock", "cgroupfs", "1", 2, root);
        assertThat(parent.cgroupParent()).isEqualTo("/interleave");
        assertThat(Files.readString(root.resolve("cpu/interleave/cpu.shares"))).isEqualTo("32768");
        assertThat(parent.describe()).isEqualTo("cgroup parent /interleave with cpu.shares 32768");

        DockerSandbox weighted = new DockerSandbox(Path.of("/usr/bin/docker"), "img:1", "sha256:abc", 25, 2, parent);
        SandboxRequest request = new SandboxRequest("run-2", List.of(Path.of("/work/grader.jar")), 512, 1024, 2, 256, List.of());
        String line = String.join(" ", weighted.wrap(request, List.of("/jdk/bin/java", "Main"), Confinement.none()));
        assertThat(line).contains("--cgroup-parent /interleave --cpu-shares 32768");
        assertThat(weighted.confine(request).describe()).endsWith("cgroup parent /interleave with cpu.shares 32768");

        assertThat(DockerSandbox.CpuParent.arrange("tcp://build-host:2376", "cgroupfs", "1", 2, root).describe())
                .isEqualTo("cpu weight not set (the engine is not local: tcp://build-host:2376)");
        assertThat(DockerSandbox.CpuParent.arrange("unix:///run/docker.sock", "systemd", "2", 2, root).describe())
                .isEqualTo("cpu weight not set (the engine uses the systemd cgroup driver on cgroup v2)");
        DockerSandbox.CpuParent noTree = DockerSandbox.CpuParent.arrange("unix:///run/docker.sock", "cgroupfs", "1", 2,
                root.resolve("missing"));
        assertThat(noTree.cgroupParent()).isEmpty();
        assertThat(noTree.describe()).startsWith("cpu weight not set (the grader may not write ");
    }

    @Test
    @DisplayName("pins the CPUs only when the engine's host has as many as the exercise asks for")
    void cpus() {
        assertThat(OFFLINE.cpuSet(1)).contains("0");
        assertThat(OFFLINE.cpuSet(2)).contains("0-1");
        assertThat(OFFLINE.cpuSet(4)).isEmpty();
    }

    @Test
    @DisplayName("confines a JVM for real: nobody, no capabilities, no network but loopback, read-only root, limits in force")
    void confinesForReal(@TempDir Path dir) throws Exception {
        DockerSandbox docker = DockerEngine.sandbox();
        Path probe = dir.resolve("Probe.java");
        Files.writeString(probe, PROBE, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
        SandboxRequest request = new SandboxRequest("test-" + System.nanoTime(), List.of(probe), 384, 300, 1, 64, List.of());
        Process process = new ProcessBuilder(docker.wrap(request, List.of("/host/jdk/bin/java", probe.toString()),
                docker.confine(request))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> seen = new HashMap<>();
        output.lines().filter(l -> l.contains("=")).forEach(l -> seen.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        assertThat(seen).as(output)
                .containsEntry("uid", "65534")
                .containsEntry("capabilities", "0000000000000000")
                .containsEntry("no-new-privileges", "1")
                .containsEntry("root-writable", "false")
                .containsEntry("tmp-writable", "true")
                .containsEntry("internet", "unreachable")
                .containsEntry("loopback", "works")
                .containsEntry("cpus", "1")
                .containsEntry("memory-bytes", String.valueOf(384L * 1024 * 1024))
                .containsEntry("tasks", "300");
        if (!docker.cpuParent().cgroupParent().isEmpty()) {
            assertThat(seen).as("the container's CPU weight inside the grader's parent").containsEntry("cpu-shares",
                    String.valueOf(Confinement.CPU_SHARES_PER_CPU));
        }
        assertThat(containers(docker, request)).as("the container is removed after it exits").isEmpty();
    }

    @Test
    @DisplayName("says how to build a missing image, and auto then moves on to the next backend saying why")
    void missingImage() {
        DockerEngine.sandbox();
        String image = "interleave-no-such-image:0";
        assertThatThrownBy(() -> SandboxSelector.select(SandboxMode.DOCKER, image, note -> { }))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("the image " + image + " is missing: build it with `docker build -t " + image
                        + " -f docker/Dockerfile .`");
        List<String> notes = new ArrayList<>();
        try {
            assertThat(SandboxSelector.select(SandboxMode.AUTO, image, notes::add)).isNotInstanceOf(DockerSandbox.class);
        } catch (SandboxUnavailableException noOtherBackend) {
            assertThat(noOtherBackend).hasMessageContaining("docker: the image " + image + " is missing");
        }
        assertThat(notes).singleElement().asString().startsWith("the Docker engine answers, but the image " + image + " is missing");
    }

    @Test
    @DisplayName("refuses --sandbox docker with exit code 4 and the fix when no engine answers")
    void engineNotAnswering(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.interleave.grader.cli.GraderMain",
                "grade", "--sandbox", "docker", "--exercise", "fix-the-race", dir.toString()).redirectErrorStream(true);
        builder.environment().put("DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"));
        Process grader = builder.start();
        String output = new String(grader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(grader.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(grader.exitValue()).as(output).isEqualTo(4);
        assertThat(output).containsAnyOf(
                "grader: Docker engine not answering at unix://" + dir.resolve("no-engine.sock")
                        + ": start it (sudo systemctl start docker, or dockerd &) or choose --sandbox bwrap",
                "grader: no docker client on the PATH");
    }

    static String containers(DockerSandbox docker, SandboxRequest request) throws Exception {
        Process ps = new ProcessBuilder(docker.docker().toString(), "ps", "--all", "--quiet", "--filter",
                "name=" + DockerSandbox.containerName(request)).redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        ps.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** Prints what a JVM in the container can see and do, one key=value a line. */
    private static final String PROBE = """
            import java.net.*;
            import java.nio.file.*;
            public class Probe {
                public static void main(String[] args) throws Exception {
                    String status = Files.readString(Path.of("/proc/self/status"));
                    System.out.println("uid=" + field(status, "Uid:").split("\\\\s+")[1]);
                    System.out.println("capabilities=" + field(status, "CapEff:"));
                    System.out.println("no-new-privileges=" + field(status, "NoNewPrivs:"));
                    System.out.println("root-writable=" + canWrite(Path.of("/probe")));
                    System.out.println("tmp-writable=" + canWrite(Path.of("/tmp/probe")));
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("1.1.1.1", 53), 3000);
                        System.out.println("internet=reachable");
                    } catch (Exception e) {
                        System.out.println("internet=unreachable");
                    }
                    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                         Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                         Socket accepted = server.accept()) {
                        System.out.println("loopback=works");
                    }
                    System.out.println("cpus=" + Runtime.getRuntime().availableProcessors());
                    System.out.println("memory-bytes=" + first("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory.max"));
                    System.out.println("tasks=" + first("/sys/fs/cgroup/pids/pids.max", "/sys/fs/cgroup/pids.max"));
                    System.out.println("cpu-shares=" + first("/sys/fs/cgroup/cpu/cpu.shares", "/sys/fs/cgroup/cpu.weight"));
                }
                static String field(String status, String name) {
                    return status.lines().filter(l -> l.startsWith(name)).findFirst().orElse(name + " ?").substring(name.length()).strip();
                }
                static boolean canWrite(Path file) {
                    try {
                        Files.writeString(file, "x");
                        return true;
                    } catch (Exception e) {
                        return false;
                    }
                }
                static String first(String... files) throws Exception {
                    for (String f : files) {
                        if (Files.exists(Path.of(f))) {
                            return Files.readString(Path.of(f)).strip();
                        }
                    }
                    return "?";
                }
            }
            """;
}
