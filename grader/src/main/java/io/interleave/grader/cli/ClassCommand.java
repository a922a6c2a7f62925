package io.interleave.grader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code grader class}: grades a whole class from a roster into a gradebook, and exports the gradebook. */
@Command(name = "class", header = "Grades a whole class into a gradebook, exports it for an LMS and reports on it.",
        subcommands = {ClassGradeCommand.class, ClassExportCommand.class, ClassReportCommand.class,
                ClassSimilarityCommand.class, ClassFeedbackCommand.class, ClassMergeCommand.class, ClassSlurmCommand.class})
public final class ClassCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
