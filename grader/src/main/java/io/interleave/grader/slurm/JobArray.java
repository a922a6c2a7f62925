package io.interleave.grader.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A class graded as a Slurm job array, one task per shard, and the job that merges the shards: the two scripts, and the
 * folder they share with their gradebooks, logs and exit statuses.
 *
 * @param folder     the folder of the scripts, shard gradebooks, logs and statuses (absolute; no whitespace or '%')
 * @param gradebook  the class's gradebook the merge job writes (absolute)
 * @param shards     how many shards, one array task each
 * @param resources  what each array task asks Slurm for
 * @param partition  the Slurm partition, or null for the cluster's default
 * @param grader     the command that runs this grader (java and its jar or classpath)
 * @param gradeArgs  {@code class grade} and its arguments up to the shard and its gradebook
 * @param canvasIds  Canvas assignment ids by exercise; empty for no Canvas export
 * @param codes      the exit codes the scripts use
 */
public record JobArray(Path folder, Path gradebook, int shards, Resources resources, String partition, List<String> grader,
                       List<String> gradeArgs, Map<String, String> canvasIds, Codes codes) {

    /** What one array task asks for: CPUs, memory and wall time. */
    public record Resources(int cpusPerTask, int memoryMb, int minutes) {
    }

    /** The exit codes of the scripts: a shard that graded but found students unavailable, and a failed shard or merge. */
    public record Codes(int unavailable, int failed) {
    }

    /** Shard {@code index}'s exit status as its task recorded it; empty when it recorded none (killed, timed out, never ran). */
    public record ShardStatus(int index, OptionalInt exit) {
        /** Whether the shard graded its students (some may have been unavailable, which the gradebook records). */
        public boolean graded(Codes codes) {
            return exit.isPresent() && (exit.getAsInt() == 0 || exit.getAsInt() == codes.unavailable());
        }
    }

    public JobArray {
        grader = List.copyOf(grader);
        gradeArgs = List.copyOf(gradeArgs);
        canvasIds = Map.copyOf(canvasIds);
        if (shards < 1) {
            throw new IllegalArgumentException("a class is split into 1 or more shards, not " + shards);
        }
    }

    /** Why Slurm cannot take {@code path} in an {@code #SBATCH} line, or empty when it can. */
    public static Optional<String> unusablePath(Path path) {
        String text = path.toString();
        if (text.chars().anyMatch(Character::isWhitespace) || text.contains("%")) {
            return Optional.of(text + " has a space or a '%', which #SBATCH lines cannot hold (Slurm reads '%' in --output"
                    + " as a pattern); put the gradebook in a folder whose path has neither");
        }
        return Optional.empty();
    }

    public Path gradeScript() {
        return folder.resolve("grade-shards.sbatch");
    }

    public Path mergeScript() {
        return folder.resolve("merge.sbatch");
    }

    public Path shardGradebook(int index) {
        return folder.resolve("shard-" + index + ".db");
    }

    public Path status(int index) {
        return folder.resolve("status").resolve("shard-" + index + ".exit");
    }

    public Path mergeStatus() {
        return folder.resolve("status").resolve("merge.exit");
    }

    public Path shardLog(int index) {
        return folder.resolve("logs").resolve("shard-" + index + ".out");
    }

    public Path mergeLog() {
        return folder.resolve("logs").resolve("merge.out");
    }

    /** The files the merge job writes from the merged gradebook. */
    public List<Path> outputs() {
        List<Path> outputs = new ArrayList<>(List.of(folder.resolve("grades.csv"), folder.resolve("moodle.csv")));
        if (!canvasIds.isEmpty()) {
            outputs.add(folder.resolve("canvas.csv"));
        }
        outputs.add(folder.resolve("report.html"));
        return outputs;
    }

    /** How to run shard {@code index} again and merge it in. */
    public String rerun(int index) {
        return "sbatch --array=" + index + " " + gradeScript() + ", then sbatch " + mergeScript();
    }

    /** Writes both scripts and the folders of logs and statuses, clearing the statuses of an earlier submission. */
    public void write() throws IOException {
        Files.createDirectories(folder.resolve("logs"));
        Files.createDirectories(folder.resolve("status"));
        try (Stream<Path> old = Files.list(folder.resolve("status"))) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        writeScript(gradeScript(), gradeText());
        writeScript(mergeScript(), mergeText());
    }

    /** The statuses the array's tasks recorded, shard by shard. */
    public List<ShardStatus> statuses() throws IOException {
        List<ShardStatus> statuses = new ArrayList<>();
        for (int i = 1; i <= shards; i++) {
            statuses.add(new ShardStatus(i, readExit(status(i))));
        }
        return statuses;
    }

    /** The merge job's exit status as it recorded it; empty when it recorded none. */
    public OptionalInt mergeExit() throws IOException {
        return readExit(mergeStatus());
    }

    /** The job array: task I grades shard I/N into its own gradebook and records its exit status. */
    public String gradeText() {
        String task = command(grader) + " " + command(gradeArgs) + " --shard \"$i/" + shards + "\" --gradebook \"$dir/shard-$i.db\"";
        return "#!/bin/bash\n"
                + "# Grades shard I of " + shards + " of the class into " + folder + "/shard-I.db, I being the array task;"
                + " written by `grader class slurm`.\n"
                + "# Submit: sbatch " + gradeScript() + "; rerun shard I alone: sbatch --array=I " + gradeScript() + "\n"
                + "#SBATCH --job-name=interleave-grade\n"
                + "#SBATCH --array=1-" + shards + "\n"
                + "#SBATCH --ntasks=1\n"
                + "#SBATCH --cpus-per-task=" + resources.cpusPerTask() + "\n"
                + "#SBATCH --mem=" + resources.memoryMb() + "M\n"
                + "#SBATCH --time=" + resources.minutes() + "\n"
                + "#SBATCH --output=" + folder.resolve("logs") + "/shard-%a.out\n"
                + (partition == null ? "" : "#SBATCH --partition=" + partition + "\n")
                + "set -u\n"
                + "i=${SLURM_ARRAY_TASK_ID:?submit this with sbatch: it is a job array (sbatch --array=I FILE runs shard I)}\n"
                + "dir=" + quote(folder.toString()) + "\n"
                + "rm -f \"$dir/status/shard-$i.exit\"\n"
                + "echo \"shard $i/" + shards + " on $(hostname), $SLURM_CPUS_PER_TASK CPUs, job ${SLURM_ARRAY_JOB_ID}_$i\"\n"
                + task + "\n"
                + "code=$?\n"
                + "echo \"$code\" >\"$dir/status/shard-$i.exit.part\" && mv \"$dir/status/shard-$i.exit.part\" \"$dir/status/shard-$i.exit\"\n"
                + "exit \"$code\"\n";
    }

    /** The merge job: checks every shard's status, merges the shard gradebooks, writes the exports and the report. */
    public String mergeText() {
        String book = quote(gradebook.toString());
        String shardBooks = IntStream.rangeClosed(1, shards).mapToObj(i -> "\"$dir/shard-" + i + ".db\"").collect(Collectors.joining(" "));
        String canvas = canvasIds.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "--canvas-id " + quote(e.getKey() + "=" + e.getValue())).collect(Collectors.joining(" "));
        String run = command(grader);
        return "#!/bin/bash\n"
                + "# Merges the " + shards + " shard gradebooks of " + gradeScript().getFileName() + " into " + gradebook
                + ", then writes the exports and the class report; written by `grader class slurm`.\n"
                + "# Exits 0 when every shard graded, " + codes.unavailable() + " when some students were unavailable (as"
                + " class grade), " + codes.failed() + " when a shard failed or left no status.\n"
                + "# Submit after the array: sbatch --dependency=afterany:ARRAY_JOB_ID " + mergeScript() + "\n"
                + "#SBATCH --job-name=interleave-merge\n"
                + "#SBATCH --ntasks=1\n"
                + "#SBATCH --cpus-per-task=1\n"
                + "#SBATCH --mem=2048M\n"
                + "#SBATCH --time=30\n"
                + "#SBATCH --output=" + mergeLog() + "\n"
                + (partition == null ? "" : "#SBATCH --partition=" + partition + "\n")
                + "set -u\n"
                + "dir=" + quote(folder.toString()) + "\n"
                + "rm -f \"$dir/status/merge.exit\"\n"
                + "failed=0\n"
                + "unavailable=0\n"
                + "for i in $(seq 1 " + shards + "); do\n"
                + "  rerun=\"rerun it: sbatch --array=$i $dir/" + gradeScript().getFileName() + ", then sbatch $dir/"
                + mergeScript().getFileName() + "\"\n"
                + "  if [ ! -f \"$dir/status/shard-$i.exit\" ]; then\n"
                + "    echo \"shard $i/" + shards + " FAILED: it recorded no exit status (killed, cancelled, out of time or never"
                + " started); see $dir/logs/shard-$i.out; $rerun\"\n"
                + "    failed=1\n"
                + "    continue\n"
                + "  fi\n"
                + "  code=$(cat \"$dir/status/shard-$i.exit\")\n"
                + "  case \"$code\" in\n"
                + "    0) echo \"shard $i/" + shards + ": graded\" ;;\n"
                + "    " + codes.unavailable() + ") echo \"shard $i/" + shards + ": graded; some students were unavailable (the"
                + " gradebook says why)\"; unavailable=1 ;;\n"
                + "    *) echo \"shard $i/" + shards + " FAILED with exit $code; see $dir/logs/shard-$i.out; $rerun\"; failed=1 ;;\n"
                + "  esac\n"
                + "done\n"
                + run + " class merge " + book + " " + shardBooks + " || failed=1\n"
                + run + " class export " + book + " --format csv --output \"$dir/grades.csv\" || failed=1\n"
                + run + " class export " + book + " --format moodle --output \"$dir/moodle.csv\" || failed=1\n"
                + (canvas.isEmpty() ? "" : run + " class export " + book + " --format canvas " + canvas
                        + " --output \"$dir/canvas.csv\" || failed=1\n")
                + run + " class report " + book + " --output \"$dir/report.html\" || failed=1\n"
                + "code=0\n"
                + "[ \"$unavailable\" = 1 ] && code=" + codes.unavailable() + "\n"
                + "[ \"$failed\" = 1 ] && code=" + codes.failed() + "\n"
                + "echo \"$code\" >\"$dir/status/merge.exit.part\" && mv \"$dir/status/merge.exit.part\" \"$dir/status/merge.exit\"\n"
                + "exit \"$code\"\n";
    }

    private static OptionalInt readExit(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return OptionalInt.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return text.matches("\\d{1,3}") ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
    }

    private static void writeScript(Path file, String text) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, text, StandardCharsets.UTF_8);
        part.toFile().setExecutable(true);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String command(List<String> words) {
        return words.stream().map(JobArray::quote).collect(Collectors.joining(" "));
    }

    /** One word for the shell: left as is when it is plain, else in single quotes. */
    static String quote(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
