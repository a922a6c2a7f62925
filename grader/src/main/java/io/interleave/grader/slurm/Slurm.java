package io.interleave.grader.slurm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The Slurm commands of this machine (sbatch, squeue, scancel), run as a login node runs them. */
public final class Slurm {
    private static final long COMMAND_SECONDS = 120;

    /** What one command printed and how it exited. */
    record Output(int exit, String out, String err) {
        String said() {
            String text = (err.isBlank() ? out : err).strip();
            return text.isEmpty() ? "exit " + exit + " and no message" : text;
        }
    }

    private Slurm() {
    }

    /** The path of {@code tool} on this machine's PATH, or empty. */
    public static Optional<Path> find(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Submits a batch script with {@code sbatch --parsable} and the given options; returns the job id. */
    public static String submit(Path script, List<String> options) throws SlurmException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(options);
        command.add(script.toString());
        Output output = run(command);
        String id = output.out().strip().split(";", 2)[0]; // --parsable prints ID or ID;CLUSTER
        if (output.exit() != 0 || !id.matches("\\d+")) {
            throw new SlurmException("sbatch refused " + script.getFileName() + ": " + output.said());
        }
        return id;
    }

    /** The states of the jobs (or array tasks) of these ids still in the queue, one line per job; empty when all ended. */
    public static List<String> queued(List<String> ids) throws SlurmException, InterruptedException {
        Output output = run(List.of("squeue", "--noheader", "--jobs", String.join(",", ids), "--format", "%i %T"));
        if (output.exit() != 0) {
            if (output.err().contains("Invalid job id")) {
                return List.of(); // ended long enough ago that the controller forgot them
            }
            throw new SlurmException("squeue failed: " + output.said());
        }
        return output.out().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** Cancels a job (or an array task, ID_I); says what scancel said when it refused. */
    public static void cancel(String id) throws SlurmException, InterruptedException {
        Output output = run(List.of("scancel", id));
        if (output.exit() != 0) {
            throw new SlurmException("scancel " + id + " failed: " + output.said());
        }
    }

    private static Output run(List<String> command) throws SlurmException, InterruptedException {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("interleave-slurm", ".out");
            err = Files.createTempFile("interleave-slurm", ".err");
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SlurmException(command.get(0) + " did not answer within " + COMMAND_SECONDS + " s; is slurmctld up? (sinfo)");
            }
            return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SlurmException("cannot run " + command.get(0) + ": " + e.getMessage());
        } finally {
            for (Path file : new Path[] {out, err}) {
                if (file != null) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // a temp file left behind is harmless
                    }
                }
            }
        }
    }
}
