package io.interleave.grader.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code grader} command: grades Java concurrency exercises in a sandbox. */
@Command(name = "grader", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = GraderMain.Version.class,
        header = "Grades Java concurrency exercises in a sandbox.",
        subcommands = {GradeCommand.class, ReportCommand.class, ListCommand.class, VerifyCommand.class, PrepareCommand.class,
                HookCommand.class, PublishCommand.class, GradescopeBundleCommand.class, ClassCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:full marks (verify: every variant got its verdict)",
                "1:marks lost (verify: a variant did not)",
                "2:wrong usage",
                "3:unusable submission (missing, refused files, does not compile)",
                "4:cannot grade here (sandbox unavailable)",
                "5:publish: the forge refused or did not answer",
                "70:internal fault of the grader"})
public final class GraderMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GraderMain());
        cli.setExitCodeExceptionMapper(e -> ExitCodes.INTERNAL);
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("grader: " + e.getMessage());
            err.println("Try 'grader --help' for more information.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("grader: internal fault: " + e);
            if (parseResult.hasMatchedOption("--verbose")) {
                e.printStackTrace(err);
            } else {
                err.println("Rerun with --verbose for the stack trace, and report it.");
            }
            return ExitCodes.INTERNAL;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GraderMain.class.getPackage().getImplementationVersion();
            return new String[] {"grader " + (version == null ? "(development build)" : version)
                    + " on Java " + Runtime.version()};
        }
    }
}
