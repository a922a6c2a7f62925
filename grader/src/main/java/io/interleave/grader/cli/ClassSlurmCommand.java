package io.interleave.grader.cli;

import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.roster.Roster;
import io.interleave.grader.roster.Shard;
import io.interleave.grader.roster.Student;
import io.interleave.grader.slurm.JobArray;
import io.interleave.grader.slurm.Slurm;
import io.interleave.grader.slurm.SlurmException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader class slurm}: grades a class on a Slurm cluster, one array task per shard, then merges the shards. */
@Command(name = "slurm", header = "Grades a class on a Slurm cluster: a job array of shards, then a job that merges them.",
        description = "Writes GRADEBOOK.slurm/ with grade-shards.sbatch (a job array: task I runs `class grade --shard I/N`"
                + " into shard-I.db and records its exit status in status/shard-I.exit) and merge.sbatch (runs after the"
                + " array: `class merge GRADEBOOK shard-*.db`, the CSV and Moodle exports and the class report, and fails when"
                + " a shard failed), then submits both with sbatch. Each task asks for the CPUs the exercises' timing checks"
                + " need (limits.cpus) times --jobs, and a time limit from their timeouts and the largest shard.")
public final class ClassSlurmCommand implements Callable<Integer> {
    private static final int POLL_MILLIS = 3000;
    private static final int SECONDS_PER_GRADING_BEYOND_TIMEOUT = 30;
    private static final int MINUTES_OF_SLACK = 10;
    private static final int GRADER_MEMORY_MB = 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ROSTER", description = "The roster CSV file, as for `class grade`; the cluster's nodes must see it"
            + " and the repositories at the same paths (a shared file system) or reach its git URLs.")
    Path roster;

    @Option(names = "--gradebook", required = true, paramLabel = "FILE", description = "The class's SQLite gradebook that the"
            + " merge job writes, on a file system every node shares; its scripts, shards and logs go in FILE.slurm/.")
    String gradebook;

    @Option(names = "--shards", required = true, paramLabel = "N", description = "How many shards, one array task each.")
    int shards;

    @Option(names = "--partition", paramLabel = "P", description = "The Slurm partition of both jobs. Default: the cluster's.")
    String partition;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "Gradings at once in each task; each task"
            + " asks for N times the exercises' limits.cpus CPUs. Default: ${DEFAULT-VALUE}.")
    int jobs;

    @Option(names = "--wait", description = "Wait until the merge job ends; exit non-zero, naming each failed shard and its"
            + " rerun, when a shard failed.")
    boolean waitForMerge;

    @Option(names = "--no-submit", description = "Only write the scripts, and print how to submit them.")
    boolean noSubmit;

    @Mixin
    ClassGradeOptions grading;

    @Mixin
    SandboxOption sandbox;

    @Option(names = "--sources", paramLabel = "DIR", description = "Where the tasks keep each graded submission's student files"
            + " for `class similarity`. Default: GRADEBOOK.sources, as `class grade` keeps them.")
    Path sources;

    @Option(names = "--canvas-id", paramLabel = "SLUG=ID", description = "The Canvas assignment id of an exercise (repeatable);"
            + " with it the merge job also writes canvas.csv.")
    Map<String, String> canvasIds = new LinkedHashMap<>();

    @Option(names = "--verbose", description = "Show stack traces of grader faults (in the tasks' logs too).")
    boolean verbose;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExerciseCatalog catalog = ExerciseCatalog.bundled();
        Optional<String> problem = grading.problem(catalog);
        if (problem.isPresent()) {
            return ClassGradeCommand.usage(err, problem.get());
        }
        if (shards < 1) {
            return ClassGradeCommand.usage(err, "--shards must be 1 or more (one Slurm array task each), not " + shards);
        }
        if (jobs < 1) {
            return ClassGradeCommand.usage(err, "--jobs must be 1 or more");
        }
        if (waitForMerge && noSubmit) {
            return ClassGradeCommand.usage(err, "--wait waits for jobs that --no-submit does not submit; give one of them");
        }
        if (gradebook.startsWith("jdbc:")) {
            return ClassGradeCommand.usage(err, "class slurm merges shard files into a SQLite gradebook, not " + gradebook
                    + "; give a file on a shared file system, or with PostgreSQL run `class grade --shard I/N --gradebook "
                    + gradebook + "` on each node (no merge needed)");
        }
        Path book = Path.of(gradebook).toAbsolutePath().normalize();
        Optional<String> unusable = JobArray.unusablePath(book);
        if (unusable.isPresent()) {
            return ClassGradeCommand.usage(err, unusable.get());
        }
        Optional<Roster> read = ClassGradeCommand.readRoster(roster, err);
        if (read.isEmpty()) {
            return ExitCodes.USAGE;
        }
        List<Student> students = read.get().students();
        int[] sizes = new int[shards];
        for (Student student : students) {
            sizes[Shard.of(student.id(), shards) - 1]++;
        }
        int largest = IntStream.of(sizes).max().orElse(0);
        List<Exercise> gradable = grading.gradable(catalog);
        int maxCpus = grading.maxCpus(catalog);
        int memory = jobs * gradable.stream().mapToInt(e -> e.manifest().limits().memoryMb()).max().orElse(512) + GRADER_MEMORY_MB;
        long perStudent = gradable.stream().mapToLong(e -> e.manifest().limits().timeoutSeconds() + SECONDS_PER_GRADING_BEYOND_TIMEOUT).sum();
        long seconds = ((largest + jobs - 1) / jobs) * perStudent + MINUTES_OF_SLACK * 60L;
        JobArray array = new JobArray(book.resolveSibling(book.getFileName() + ".slurm"), book, shards,
                new JobArray.Resources(jobs * maxCpus, memory, (int) ((seconds + 59) / 60)), partition, graderCommand(),
                gradeArgs(book), canvasIds, new JobArray.Codes(ExitCodes.UNUSABLE_SUBMISSION, ExitCodes.ENVIRONMENT));
        array.write();

        String cpusFrom = gradable.stream().filter(e -> e.manifest().limits().cpus() == maxCpus).map(Exercise::slug)
                .collect(Collectors.joining(", "));
        out.println("class slurm: " + students.size() + " student" + (students.size() == 1 ? "" : "s") + " in " + shards
                + " shard" + (shards == 1 ? "" : "s") + " (" + IntStream.of(sizes).mapToObj(Integer::toString).collect(Collectors.joining(", "))
                + "); each task asks for " + array.resources().cpusPerTask() + " CPUs (" + jobs + " grading" + (jobs == 1 ? "" : "s")
                + " at once x limits.cpus " + maxCpus + " of " + cpusFrom + "), " + memory + " MB, " + array.resources().minutes() + " min");
        if (shards > students.size()) {
            out.println("class slurm: note: more shards than students; " + IntStream.of(sizes).filter(s -> s == 0).count()
                    + " task(s) will grade nobody");
        }
        out.println("class slurm: wrote " + array.gradeScript() + " and " + array.mergeScript());
        if (noSubmit) {
            out.println("class slurm: submit them on the cluster's login node with:");
            out.println("  array=$(sbatch --parsable " + array.gradeScript() + " | cut -d';' -f1) && sbatch --dependency=afterany:$array "
                    + array.mergeScript());
            out.println("class slurm: then follow them with squeue; the merge writes " + book + " and " + outputs(array));
            out.flush();
            return ExitCodes.FULL_MARKS;
        }
        if (Slurm.find("sbatch").isEmpty()) {
            err.println("grader: no sbatch on PATH: run class slurm on a Slurm cluster's login node (where sbatch, squeue and"
                    + " scancel are), or install Slurm's client (Debian: apt-get install slurm-client) configured for your cluster"
                    + " (/etc/slurm/slurm.conf and munge); for a one-node test cluster on this machine run bench/slurm-cluster.sh"
                    + " start as root. The scripts are written: --no-submit prints how to submit them elsewhere.");
            return ExitCodes.ENVIRONMENT;
        }
        String arrayId;
        String mergeId;
        try {
            arrayId = Slurm.submit(array.gradeScript(), List.of());
        } catch (SlurmException e) {
            err.println("grader: " + e.getMessage() + "; check the partition (--partition, sinfo) and that the cluster has nodes"
                    + " with " + array.resources().cpusPerTask() + " CPUs and " + memory + " MB (fewer CPUs: --exercise the ones"
                    + " that need fewer, or --jobs 1)");
            return ExitCodes.ENVIRONMENT;
        }
        try {
            mergeId = Slurm.submit(array.mergeScript(), List.of("--dependency=afterany:" + arrayId));
        } catch (SlurmException e) {
            err.println("grader: " + e.getMessage() + "; cancelling the grading job array " + arrayId + " it would have merged");
            cancel(arrayId, err);
            return ExitCodes.ENVIRONMENT;
        }
        out.println("class slurm: submitted the grading job array " + arrayId + " (tasks " + arrayId + "_1.." + arrayId + "_" + shards
                + ") and the merge job " + mergeId + " (runs when the array has ended)");
        out.println("class slurm: follow them: squeue -j " + arrayId + "," + mergeId + "; logs in " + array.folder().resolve("logs")
                + "; once ended: sacct -j " + arrayId + "," + mergeId + " (where the cluster keeps accounting); stop them: scancel "
                + arrayId + " " + mergeId);
        out.println("class slurm: the merge writes " + book + " and " + outputs(array));
        out.flush();
        if (!waitForMerge) {
            return ExitCodes.FULL_MARKS;
        }
        return await(array, arrayId, mergeId, out, err);
    }

    /** Waits until the merge job has left the queue, then reports every shard and the merge from their status files. */
    private int await(JobArray array, String arrayId, String mergeId, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        out.println("class slurm: waiting for the merge job " + mergeId + " (interrupting stops the waiting, not the jobs)");
        out.flush();
        String shown = "";
        int errors = 0;
        while (true) {
            List<String> queued;
            try {
                queued = Slurm.queued(List.of(arrayId, mergeId));
                errors = 0;
            } catch (SlurmException e) {
                if (++errors >= 10) {
                    err.println("grader: " + e.getMessage() + "; stopped waiting after 10 tries; the jobs may still run:"
                            + " squeue -j " + arrayId + "," + mergeId);
                    return ExitCodes.ENVIRONMENT;
                }
                queued = null;
            }
            if (queued != null) {
                String now = String.join(", ", queued);
                if (!now.equals(shown) && !now.isEmpty()) {
                    out.println("class slurm: " + now);
                    out.flush();
                }
                shown = now;
                if (queued.stream().noneMatch(line -> line.startsWith(mergeId + " "))) {
                    break;
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        int worst = ExitCodes.FULL_MARKS;
        JobArray.Codes codes = array.codes();
        for (JobArray.ShardStatus status : array.statuses()) {
            String name = "shard " + status.index() + "/" + array.shards();
            if (!status.graded(codes)) {
                err.println("grader: " + name + " failed: " + (status.exit().isEmpty()
                        ? "it recorded no exit status (killed, cancelled, out of time or never started)"
                        : "class grade exited " + status.exit().getAsInt()) + "; see " + array.shardLog(status.index())
                        + "; rerun it: " + array.rerun(status.index()));
                worst = ExitCodes.ENVIRONMENT;
            } else if (status.exit().getAsInt() == codes.unavailable()) {
                out.println("class slurm: " + name + " graded; some students were unavailable (the gradebook says why)");
                worst = worst == ExitCodes.FULL_MARKS ? codes.unavailable() : worst;
            } else {
                out.println("class slurm: " + name + " graded");
            }
        }
        OptionalInt merged = array.mergeExit();
        if (merged.isEmpty()) {
            err.println("grader: the merge job " + mergeId + " recorded no exit status (killed, cancelled or out of time); see "
                    + array.mergeLog() + "; rerun it: sbatch " + array.mergeScript());
            worst = ExitCodes.ENVIRONMENT;
        } else if (worst != ExitCodes.ENVIRONMENT && merged.getAsInt() != worst) {
            err.println("grader: the merge job " + mergeId + " exited " + merged.getAsInt() + "; see " + array.mergeLog());
            worst = ExitCodes.ENVIRONMENT;
        } else if (worst != ExitCodes.ENVIRONMENT) {
            out.println("class slurm: merged into " + array.gradebook() + "; wrote " + outputs(array));
        }
        out.flush();
        err.flush();
        return worst;
    }

    private static void cancel(String id, PrintWriter err) throws InterruptedException {
        try {
            Slurm.cancel(id);
        } catch (SlurmException e) {
            err.println("grader: " + e.getMessage() + "; cancel it yourself: scancel " + id);
        }
    }

    private static String outputs(JobArray array) {
        return array.outputs().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                + " in " + array.folder();
    }

    /** {@code class grade} and the arguments every task shares; each task adds its shard and its gradebook. */
    private List<String> gradeArgs(Path book) {
        List<String> args = new ArrayList<>(List.of("class", "grade", roster.toAbsolutePath().normalize().toString()));
        args.addAll(grading.args());
        args.addAll(sandbox.args());
        args.addAll(List.of("--jobs", Integer.toString(jobs), "--sources",
                (sources != null ? sources.toAbsolutePath().normalize() : Path.of(book + ".sources")).toString()));
        if (verbose) {
            args.add("--verbose");
        }
        return args;
    }

    /** The command that runs this grader on a node: java and this jar, or this classpath in a development build. */
    static List<String> graderCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path location;
        try {
            location = Path.of(ClassSlurmCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isRegularFile(location)) {
            return List.of(java, "-jar", location.toString());
        }
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                GraderMain.class.getName());
    }
}
