package io.interleave.grader.cli;

import io.interleave.grader.gradebook.Gradebook;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code grader class merge}: merges the gradebooks of a class's shards into one. */
@Command(name = "merge", header = "Merges the gradebooks of a class's shards (class grade --shard I/N) into one.",
        description = "Each SHARD is a SQLite file or a JDBC URL written by `class grade --shard I/N`. Each is merged in one"
                + " transaction and only results whose key OUT lacks are added, so merging a shard again, or a shard that was"
                + " rerun, counts nothing twice. A shard that cannot be read is named; the others are still merged.")
public final class ClassMergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "The gradebook to merge into: a SQLite file (made if missing) or a JDBC URL.")
    String out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SHARD", description = "The shards' gradebooks.")
    List<String> shards = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> failed = new ArrayList<>();
        try (Gradebook book = Gradebook.open(out)) {
            long run = book.startRun(Instant.now().toString(), String.join(" ", spec.commandLine().getParseResult().originalArgs()));
            int total = 0;
            for (String shard : shards) {
                if (!shard.startsWith("jdbc:") && !Files.isRegularFile(Path.of(shard))) {
                    failed.add(shard);
                    err.println("grader: the shard " + shard + " is missing; " + rerun(shard));
                    continue;
                }
                try (Gradebook from = Gradebook.open(shard)) {
                    int added = book.merge(from, run);
                    total += added;
                    stdout.println("merge: " + from.shown() + ": " + (added == 0 ? "nothing new" : added + " new result" + (added == 1 ? "" : "s")));
                } catch (SQLException e) {
                    failed.add(shard);
                    err.println("grader: the shard " + shard + " cannot be read (" + e.getMessage() + "); " + rerun(shard));
                }
            }
            stdout.println("merge: " + (shards.size() - failed.size()) + " of " + shards.size() + " shards merged, "
                    + (total == 0 ? "nothing new" : total + " new result" + (total == 1 ? "" : "s")) + ", into " + book.shown());
        } catch (SQLException e) {
            err.println("grader: the gradebook " + out + " cannot be used: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        stdout.flush();
        err.flush();
        return failed.isEmpty() ? ExitCodes.FULL_MARKS : ExitCodes.ENVIRONMENT;
    }

    private static String rerun(String shard) {
        return "rerun that shard (class grade ... --shard I/N --gradebook " + shard + ") and merge again";
    }
}
