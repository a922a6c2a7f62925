package io.interleave.grader.sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds the sandbox a mode asks for; {@code auto} picks the strongest backend that works on this host. */
public final class SandboxSelector {
    private static volatile Optional<Path> workingBwrap;

    private SandboxSelector() {
    }

    /** The sandbox for {@code mode}, or an explanation of why it cannot run here. */
    public static Sandbox select(SandboxMode mode) {
        return switch (mode) {
            case NONE -> new NoSandbox();
            case BWRAP -> bwrap().<Sandbox>map(BwrapSandbox::new).orElseThrow(() -> new SandboxUnavailableException(
                    "bubblewrap (bwrap) is not installed or cannot create namespaces here; install it"
                            + " (Debian/Ubuntu: apt-get install bubblewrap) or choose --sandbox none"));
            case AUTO -> bwrap().<Sandbox>map(BwrapSandbox::new).orElseThrow(() -> new SandboxUnavailableException(
                    "no sandbox backend works on this host (tried bwrap); install bubblewrap"
                            + " (apt-get install bubblewrap), or run with --sandbox none to grade unconfined"));
        };
    }

    private static Optional<Path> bwrap() {
        Optional<Path> found = workingBwrap;
        if (found == null) {
            found = onPath("bwrap").filter(SandboxSelector::probe);
            workingBwrap = found;
        }
        return found;
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
        try {
            Process p = new ProcessBuilder(bwrap.toString(), "--unshare-all", "--die-with-parent",
                    "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
