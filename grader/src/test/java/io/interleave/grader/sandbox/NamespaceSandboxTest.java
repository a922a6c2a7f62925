package io.interleave.grader.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The namespace backends hold the same line: each is asked, from inside, what it can see and do, and both must
 * answer alike (the hostile scenarios then grade real attacks in each).
 */
@DisplayName("The namespace sandboxes (bwrap and unshare)")
class NamespaceSandboxTest {

    @TestFactory
    @DisplayName("confine a process alike")
    Stream<DynamicTest> confineAlike() {
        return Stream.of(
                DynamicTest.dynamicTest("bwrap", () -> probe(LocalSandboxes::bwrap)),
                DynamicTest.dynamicTest("unshare", () -> probe(LocalSandboxes::unshare)));
    }

    @TestFactory
    @DisplayName("unshare refuses nested user namespaces, so code inside cannot gain capabilities in one")
    Stream<DynamicTest> noNestedUserNamespaces() {
        return Stream.of(DynamicTest.dynamicTest("unshare", () -> {
            String out = run(LocalSandboxes.unshare(), "unshare --user --map-root-user true && echo nested-userns-made"
                    + " || echo nested-userns-refused", List.of(), List.of());
            assertThat(out).contains("nested-userns-refused").doesNotContain("nested-userns-made");
        }));
    }

    private static void probe(Supplier<Sandbox> sandboxes) throws Exception {
        Sandbox sandbox = sandboxes.get();
        Path host = Files.createTempDirectory("interleave-probe-host");
        Path shared = Files.createDirectories(host.resolve("shared"));
        Path masked = Files.createDirectories(shared.resolve("masked"));
        Path secret = Files.writeString(host.resolve("secret.txt"), "host secret");
        Files.writeString(shared.resolve("visible.txt"), "visible");
        Files.writeString(masked.resolve("hidden.txt"), "hidden");
        try {
            String script = String.join("; ",
                    "echo uid=$(id -u)",
                    "grep CapEff /proc/self/status",
                    "echo pid=$$",
                    "echo procs=$(ls /proc | grep -c '^[0-9]')",
                    "echo interfaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ,)",
                    "echo hostname=$(cat /proc/sys/kernel/hostname)",
                    "cat " + secret + " 2>/dev/null || echo secret-unseen",
                    "ls " + System.getProperty("user.home") + "/.m2 2>/dev/null && echo home-seen || echo home-unseen",
                    "cat " + shared.resolve("visible.txt") + "; echo",
                    "touch " + shared.resolve("new.txt") + " 2>/dev/null && echo shared-written || echo shared-read-only",
                    "ls " + masked + " | grep -q hidden && echo masked-seen || echo masked-empty",
                    "touch /usr/interleave-probe 2>/dev/null && echo usr-written || echo usr-read-only",
                    "touch /interleave-probe-" + host.getFileName() + " 2>/dev/null; echo root-tried",
                    "touch /tmp/probe && echo tmp-writable",
                    "echo x > /dev/null && echo dev-null-ok",
                    // kernel-wide knobs: asked with access(2) only, never written (a grader run as root is uid 0 inside)
                    "for f in /proc/sys/vm/swappiness /proc/sysrq-trigger /proc/irq/default_smp_affinity; do"
                            + " if [ -e $f ] && [ -w $f ]; then echo writable:$f; fi; done; echo knobs-asked",
                    "mount -t tmpfs none /tmp 2>/dev/null && echo mounted || echo mount-refused");
            String out = run(sandbox, script, List.of(shared), List.of(masked));
            assertThat(out).as("what the process inside %s saw", sandbox.name())
                    .contains("CapEff:\t0000000000000000", "procs=", "interfaces=lo,", "hostname=interleave",
                            "secret-unseen", "home-unseen", "visible", "shared-read-only", "masked-empty",
                            "usr-read-only", "root-tried", "tmp-writable", "dev-null-ok", "knobs-asked", "mount-refused")
                    .doesNotContain("host secret", "shared-written", "usr-written", "writable:", "mounted\n");
            int procs = Integer.parseInt(out.replaceAll("(?s).*procs=(\\d+).*", "$1"));
            assertThat(procs).as("processes visible inside (own pid namespace):%n%s", out).isLessThan(10);
            assertThat(Files.exists(shared.resolve("new.txt"))).isFalse();
            assertThat(Path.of("/interleave-probe-" + host.getFileName())).as("a file written at / inside").doesNotExist();
        } finally {
            try (Stream<Path> files = Files.walk(host)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String run(Sandbox sandbox, String script, List<Path> readOnly, List<Path> masked)
            throws IOException, InterruptedException {
        SandboxRequest request = new SandboxRequest("probe-test", readOnly, 256, 128, 1, 16, masked);
        try (Confinement confinement = sandbox.confine(request)) {
            Process p = new ProcessBuilder(sandbox.wrap(request, List.of("/bin/sh", "-c", script), confinement))
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the probe ended").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("the probe's exit code:%n%s", out).isZero();
            return out;
        }
    }
}
