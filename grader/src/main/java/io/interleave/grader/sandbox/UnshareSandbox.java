package io.interleave.grader.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * util-linux's {@code unshare} and {@code setpriv}, present on every Debian, Ubuntu and Fedora machine: the same
 * confinement as {@link BwrapSandbox} with nothing to install. New user, pid, network, IPC, UTS, cgroup and mount
 * namespaces; a new root on a tmpfs holding only the system's /usr and the grader's own files read-only, a private
 * size-limited /tmp, a minimal /dev and a /proc of the new pid namespace; the host's file system unmounted
 * ({@code pivot_root}); the loopback interface up and nothing else; no nested user namespaces; then every
 * capability dropped (bounding set cleared, {@code no_new_privs}, the secure bits that keep uid 0 from regaining
 * any) in a session of its own. Dies with the grader.
 */
public record UnshareSandbox(Path unshare, Path setpriv) implements Sandbox {
    /** An empty folder the new root's tmpfs is mounted on, inside the run's private mount namespace only. */
    static final Path MOUNT_POINT = Path.of(System.getProperty("java.io.tmpdir"), "interleave-unshare-root");

    @Override
    public String name() {
        return "unshare";
    }

    @Override
    public String describe() {
        return "unshare (util-linux): no network, read-only file system with a private /tmp, own pid namespace,"
                + " no capabilities, dies with the grader";
    }

    @Override
    public Confinement confine(SandboxRequest request) {
        return Confinement.create(request);
    }

    @Override
    public List<String> wrap(SandboxRequest request, List<String> command, Confinement confinement) {
        try {
            Files.createDirectories(MOUNT_POINT);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot make the sandbox's mount point " + MOUNT_POINT, e);
        }
        List<String> args = new ArrayList<>(confinement.pinning(request.cpus()));
        args.addAll(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--",
                unshare.toString(), "--user", "--map-root-user", "--pid", "--fork", "--kill-child=SIGKILL",
                "--net", "--ipc", "--uts", "--cgroup", "--mount", "--propagation", "private",
                "--", "/bin/sh", "-c", setupScript(request), "interleave-sandbox"));
        args.addAll(command);
        return confinement.join(args);
    }

    /**
     * The script that runs as root of the new user namespace (pid 1 of the new pid namespace): it builds the new
     * root, switches to it, and execs {@code "$@"} with no capabilities left.
     */
    static String setupScript(SandboxRequest request) {
        StringBuilder s = new StringBuilder();
        s.append("set -eu; PATH=/usr/sbin:/usr/bin:/sbin:/bin; r=").append(quote(MOUNT_POINT.toString())).append("; ");
        // a read-only bind; older util-linux remounts with the classic call, which must repeat locked flags
        s.append("ro() { mount -o remount,bind,ro \"$1\" 2>/dev/null || mount -o remount,bind,ro,nosuid,nodev \"$1\""
                + " 2>/dev/null || mount -o remount,bind,ro,nosuid,nodev,noexec \"$1\"; }; ");
        // one mount(8) call where it can (util-linux 2.27+ binds and remounts read-only in one process: every
        // process started here waits for a CPU on a busy machine), else bind, then remount
        s.append("robind() { mount -o bind,ro \"$1\" \"$2\" 2>/dev/null || { mount --bind \"$1\" \"$2\" && ro \"$2\"; }; }; ");
        s.append("bind() { if [ -d \"$1\" ]; then mkdir -p \"$r$1\"; else mkdir -p \"$r${1%/*}\"; : > \"$r$1\"; fi;"
                + " robind \"$1\" \"$r$1\"; }; ");
        s.append("mount -t tmpfs -o mode=0755,size=1m interleave-root \"$r\"; ");
        s.append("bind /usr; ");
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            Path path = Path.of(top);
            if (Files.isSymbolicLink(path)) {
                try {
                    s.append("ln -s ").append(quote(Files.readSymbolicLink(path).toString())).append(" \"$r\"")
                            .append(quote(top)).append("; ");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot read the link " + top, e);
                }
            } else if (Files.isDirectory(path)) {
                s.append("bind ").append(quote(top)).append("; ");
            }
        }
        // the private /tmp first: the grader's own files may live below /tmp, and their binds must land on top of it
        s.append("mkdir \"$r/tmp\"; mount -t tmpfs -o mode=1777,size=").append((long) request.tmpMb() * 1024 * 1024)
                .append(" interleave-tmp \"$r/tmp\"; ");
        for (Path bind : request.bindsBesideUsr()) {
            s.append("bind ").append(quote(bind.toString())).append("; ");
        }
        for (Path masked : request.maskedPaths()) {
            String target = "\"$r\"" + quote(masked.toAbsolutePath().normalize().toString());
            s.append("mkdir -p ").append(target).append("; mount -t tmpfs -o mode=0755,size=4k interleave-masked ")
                    .append(target).append("; mount -o remount,ro ").append(target).append("; ");
        }
        s.append("mkdir \"$r/proc\"; mount -t proc -o nosuid,nodev,noexec proc \"$r/proc\"; ");
        // as bubblewrap does: the kernel-wide knobs under /proc read-only (for a grader run as root, uid 0 inside
        // is the host's uid 0, which /proc/sys's owner bits would let through)
        s.append("for d in sys sysrq-trigger irq bus; do if [ -e \"$r/proc/$d\" ]; then robind \"$r/proc/$d\" \"$r/proc/$d\"; fi; done; ");
        s.append("mkdir \"$r/dev\"; mount -t tmpfs -o mode=0755,size=64k interleave-dev \"$r/dev\"; mkdir \"$r/dev/shm\"; ");
        s.append("for d in null zero full random urandom tty; do : > \"$r/dev/$d\"; mount --bind \"/dev/$d\" \"$r/dev/$d\"; done; ");
        s.append("ln -s /proc/self/fd \"$r/dev/fd\"; ln -s /proc/self/fd/0 \"$r/dev/stdin\"; ");
        s.append("ln -s /proc/self/fd/1 \"$r/dev/stdout\"; ln -s /proc/self/fd/2 \"$r/dev/stderr\"; ");
        s.append("mount -o remount,ro \"$r/dev\"; ");
        s.append("echo interleave > /proc/sys/kernel/hostname; ");
        // the loopback interface up (a test may run a local server): iproute2, else perl-base (Essential on Debian)
        s.append("ip link set lo up 2>/dev/null || perl -e 'socket(my $s, 2, 2, 0) or die; my $q = pack(\"a16 x24\", \"lo\");"
                + " ioctl($s, 0x8913, $q) or die; my (undef, $f) = unpack(\"a16 s\", $q);"
                + " ioctl($s, 0x8914, pack(\"a16 s x22\", \"lo\", $f | 1)) or die' 2>/dev/null || true; ");
        // no user namespaces inside: code in the sandbox cannot gain capabilities in a nested one
        s.append("echo 0 > /proc/sys/user/max_user_namespaces; ");
        s.append("mkdir \"$r/.old-root\"; cd \"$r\"; pivot_root . .old-root; cd /; umount -l /.old-root; rmdir /.old-root; ");
        s.append("mount -o remount,ro /; cd /tmp; ");
        s.append("exec setsid setpriv --no-new-privs --inh-caps=-all --ambient-caps=-all --bounding-set=-all")
                .append(" --securebits=+noroot,+noroot_locked,+no_setuid_fixup,+no_setuid_fixup_locked,+keep_caps_locked")
                .append(" -- env -i HOME=/tmp LANG=C.UTF-8 PATH=/usr/bin:/bin \"$@\"");
        return s.toString();
    }

    /** {@code value} as one single-quoted shell word. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
