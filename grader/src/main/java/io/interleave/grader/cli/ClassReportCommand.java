package io.interleave.grader.cli;

import io.interleave.grader.classreport.ClassReport;
import io.interleave.grader.export.ClassTable;
import io.interleave.grader.gradebook.Drift;
import io.interleave.grader.gradebook.Gradebook;
import io.interleave.grader.similarity.SimilarityCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader class report}: the class's HTML report from the gradebook. */
@Command(name = "report", header = "Writes a self-contained HTML report of a gradebook: scores, where the class struggled, late, drift.")
public final class ClassReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "GRADEBOOK", description = "The gradebook: a SQLite file or a JDBC URL.")
    String gradebook;

    @Option(names = "--output", required = true, paramLabel = "FILE.html", description = "The file to write.")
    Path output;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Class report", description = "The page's title. Default: ${DEFAULT-VALUE}.")
    String title;

    @Option(names = "--similarity", paramLabel = "DIR", description = "The folder `class similarity` wrote: its top pairs"
            + " go into the report.")
    Path similarity;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!ClassExportCommand.exists(gradebook, err)) {
            return ExitCodes.USAGE;
        }
        ClassTable table;
        List<Drift> drifts;
        try (Gradebook book = Gradebook.open(gradebook)) {
            table = ClassExportCommand.table(book);
            drifts = book.drifts();
        } catch (SQLException e) {
            err.println("grader: the gradebook " + gradebook + " cannot be read: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        GradeCommand.writeAtomically(output, ClassReport.html(title, table, drifts,
                similarity == null ? null : SimilarityCheck.read(similarity)));
        spec.commandLine().getOut().println("grader: wrote " + output + ": " + table.students().size() + " students, "
                + table.assignments().size() + " exercises");
        return ExitCodes.FULL_MARKS;
    }
}
