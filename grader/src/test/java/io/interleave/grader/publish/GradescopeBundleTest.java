package io.interleave.grader.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interleave.grader.cli.GraderMain;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Gradescope bundle")
class GradescopeBundleTest {
    @Test
    @DisplayName("holds setup.sh, run_autograder and the grader, and run_autograder grades a single uploaded file into results.json")
    void bundleGradesAnUpload(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("fake-grader.jar");
        Files.writeString(jar, "stands in for the grader jar");
        StringWriter out = new StringWriter();
        CommandLine cli = GraderMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        Path zip = dir.resolve("autograder.zip");
        assertThat(cli.execute("gradescope-bundle", "--exercise", "fix-the-race", "--grader-jar", jar.toString(),
                "--output", zip.toString())).as(out.toString()).isZero();
        assertThat(out.toString()).contains("students upload ChaiStock.java");
        Path root = dir.resolve("autograder");
        Files.createDirectories(root.resolve("source"));
        Files.createDirectories(root.resolve("submission"));
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertThat(file.stream().map(ZipEntry::getName)).containsExactlyInAnyOrder("setup.sh", "run_autograder", "grader.jar");
            for (ZipEntry entry : file.stream().toList()) {
                Files.write(root.resolve("source").resolve(entry.getName()), file.getInputStream(entry).readAllBytes());
            }
        }
        assertThat(Files.readString(root.resolve("source/setup.sh"))).contains("openjdk-21-jdk-headless");
        Files.copy(Path.of("..", "solutions", "fix-the-race", "stub", "src", "main", "java", "race", "ChaiStock.java"),
                root.resolve("submission/ChaiStock.java"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = String.join(File.pathSeparator, List.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .stream().map(p -> Path.of(p).toAbsolutePath().toString()).toList());
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("source/run_autograder").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AUTOGRADER_ROOT", root.toString());
        builder.environment().put("GRADER", java + " -cp " + classPath + " io.interleave.grader.cli.GraderMain");
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(log).isZero();
        JsonNode results = new ObjectMapper().readTree(root.resolve("results/results.json").toFile());
        assertThat(results.get("score").asInt()).as(log).isBetween(1, 19);
        assertThat(results.get("tests")).hasSize(12);
        assertThat(results.get("tests").get(0).get("name").asText()).isEqualTo("Compiles");
        assertThat(results.get("tests").get(0).get("status").asText()).isEqualTo("passed");

        builder.environment().put("GRADER", dir.resolve("missing-grader").toString());
        Files.delete(root.resolve("results/results.json"));
        Process broken = builder.start();
        broken.getInputStream().readAllBytes();
        assertThat(broken.waitFor()).isZero();
        assertThat(Files.readString(root.resolve("results/results.json"))).contains("\"score\": 0").contains("could not run (exit 127)");
    }
}
