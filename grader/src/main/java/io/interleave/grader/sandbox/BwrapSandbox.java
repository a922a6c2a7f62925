package io.interleave.grader.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bubblewrap: new user, pid, network, IPC and UTS namespaces; the system's /usr and the grader's own files
 * read-only; a private size-limited /tmp; no capabilities; dies with the grader. Memory and task counts are
 * capped by a cgroup where the host allows it, and the JVM is pinned to the exercise's CPUs.
 */
public record BwrapSandbox(Path executable) implements Sandbox {
    @Override
    public String name() {
        return "bwrap";
    }

    @Override
    public String describe() {
        return "bwrap: no network, read-only file system with a private /tmp, own pid namespace, no capabilities, dies with the grader";
    }

    @Override
    public Confinement confine(SandboxRequest request) {
        return Confinement.create(request);
    }

    @Override
    public List<String> wrap(SandboxRequest request, List<String> command, Confinement confinement) {
        List<String> args = new ArrayList<>(confinement.pinning(request.cpus()));
        args.addAll(List.of(executable.toString(),
                "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--hostname", "interleave",
                "--ro-bind", "/usr", "/usr"));
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            Path path = Path.of(top);
            if (Files.isSymbolicLink(path)) {
                try {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), top));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot read the link " + top, e);
                }
            } else if (Files.isDirectory(path)) {
                args.addAll(List.of("--ro-bind", top, top));
            }
        }
        // the private /tmp first: the grader's own files may live below /tmp (a clone there), and their
        // read-only binds must land on top of it, not be hidden by it
        args.addAll(List.of("--size", String.valueOf((long) request.tmpMb() * 1024 * 1024), "--tmpfs", "/tmp"));
        for (Path bind : request.bindsBesideUsr()) {
            args.addAll(List.of("--ro-bind", bind.toString(), bind.toString()));
        }
        for (Path masked : request.maskedPaths()) {
            args.addAll(List.of("--tmpfs", masked.toString(), "--remount-ro", masked.toString()));
        }
        args.addAll(List.of(
                "--proc", "/proc",
                // bwrap covers these only where their folder is writable, but the files inside /proc/sys and
                // /proc/irq are writable by uid 0, which a grader run as root is inside too: make them read-only
                "--ro-bind-try", "/proc/sys", "/proc/sys", "--ro-bind-try", "/proc/irq", "/proc/irq",
                "--ro-bind-try", "/proc/bus", "/proc/bus", "--ro-bind-try", "/proc/sysrq-trigger", "/proc/sysrq-trigger",
                "--dev", "/dev",
                "--chdir", "/tmp",
                "--clearenv", "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8",
                "--setenv", "PATH", "/usr/bin:/bin",
                "--"));
        args.addAll(command);
        return confinement.join(args);
    }
}
