package io.interleave.grader.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code grader class export}: writes the gradebook for an LMS. */
@Command(name = "export", header = "Writes a gradebook as a Canvas, Moodle or plain CSV file.")
public final class ClassExportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return ExitCodes.INTERNAL;
    }
}
