package io.interleave.grader.cli;

import io.interleave.grader.exercise.Exercise;
import io.interleave.grader.exercise.ExerciseCatalog;
import io.interleave.grader.publish.GradescopeBundle;
import io.interleave.grader.sandbox.SandboxMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code grader gradescope-bundle}: the autograder zip (setup.sh, run_autograder, the grader) for one exercise. */
@Command(name = "gradescope-bundle", header = "Writes the autograder zip to upload to a Gradescope programming assignment:"
        + " setup.sh, run_autograder and this grader with the hidden tests.")
public final class GradescopeBundleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--exercise", paramLabel = "SLUG", required = true, description = "The exercise the assignment grades.")
    String exercise;

    @Option(names = "--output", paramLabel = "ZIP", defaultValue = "autograder.zip", description = "Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = "--sandbox", paramLabel = "auto|bwrap|unshare|none", defaultValue = "auto", converter = SandboxModeConverter.class,
            description = "The sandbox inside Gradescope's container. Default: ${DEFAULT-VALUE}.")
    SandboxMode sandbox = SandboxMode.AUTO;

    @Option(names = "--grader-jar", paramLabel = "JAR", description = "The grader jar to bundle. Default: the one running.")
    Path graderJar;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ExerciseCatalog catalog = ExerciseCatalog.bundled();
        Optional<Exercise> chosen = catalog.find(exercise);
        if (chosen.isEmpty()) {
            err.println("grader: unknown exercise '" + exercise + "'; the exercises are: " + String.join(", ", catalog.slugs()));
            err.println("Try 'grader --help' for more information.");
            return ExitCodes.USAGE;
        }
        Path jar = graderJar != null ? graderJar : runningJar();
        if (jar == null || !Files.isRegularFile(jar)) {
            err.println("grader: no grader jar to bundle" + (jar == null ? " (this grader is not running from a jar)" : " at " + jar)
                    + "; build it (mvn -pl grader -am package) and pass --grader-jar grader/target/grader.jar");
            return ExitCodes.USAGE;
        }
        GradescopeBundle.write(output, chosen.get().manifest(), jar, sandbox.toString());
        spec.commandLine().getOut().println("Wrote " + output.toAbsolutePath() + ": upload it as the autograder of a Gradescope"
                + " programming assignment; students upload " + String.join(", ", chosen.get().manifest().studentFiles().stream()
                .map(p -> p.substring(p.lastIndexOf('/') + 1)).toList()) + " or their exercise folder.");
        spec.commandLine().getOut().flush();
        return ExitCodes.FULL_MARKS;
    }

    private static Path runningJar() {
        try {
            Path location = Path.of(GradescopeBundleCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
