package io.interleave.grader.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The grading JVM's class path")
class RunnerClassPathTest {

    @Test
    @DisplayName("replaces a jar that bundles the exercises by a copy without them, made once")
    void stripsTheJar(@TempDir Path dir) throws IOException {
        Path jar = jar(dir.resolve("grader.jar"), "io/interleave/Main.class", "interleave/exercises/x/hidden/x/SecretTest.java");
        Path library = jar(dir.resolve("library.jar"), "org/lib/Lib.class");
        Path cache = dir.resolve("cache");

        RunnerClassPath path = RunnerClassPath.of(jar + ":" + library, cache);

        assertThat(path.entries()).hasSize(2).contains(library);
        Path stripped = path.entries().get(0);
        assertThat(stripped).startsWith(cache);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(stripped)))
                .as("readable by the container's user").isEqualTo("rw-r--r--");
        try (ZipFile zip = new ZipFile(stripped.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).containsExactly("io/interleave/Main.class");
        }
        assertThat(path.masked()).isEmpty();
        assertThat(RunnerClassPath.of(jar.toString(), cache).entries()).containsExactly(stripped);
    }

    @Test
    @DisplayName("keeps a class folder, and asks the sandbox to hide the exercises in it")
    void masksTheFolder(@TempDir Path dir) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(classes.resolve("interleave/exercises/x/hidden"));
        Path plain = Files.createDirectories(dir.resolve("other"));

        RunnerClassPath path = RunnerClassPath.of(classes + ":" + plain, dir.resolve("cache"));

        assertThat(path.entries()).containsExactly(classes, plain);
        assertThat(path.masked()).containsExactly(classes.resolve("interleave/exercises"));
        assertThat(path.joined()).isEqualTo(classes + ":" + plain);
    }

    @Test
    @DisplayName("finds the jar a model-checking grading JVM takes as its agent, and the JVM is told to start with it")
    void findsTheAgent(@TempDir Path dir) throws IOException {
        Path library = jar(dir.resolve("library.jar"), "org/lib/Lib.class");
        Path agent = dir.resolve("agent.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", RunnerClassPath.AGENT_CLASS);
        try (OutputStream out = Files.newOutputStream(agent); java.util.jar.JarOutputStream zip = new java.util.jar.JarOutputStream(out, manifest)) {
            zip.putNextEntry(new ZipEntry("net/bytebuddy/agent/Installer.class"));
            zip.closeEntry();
        }
        Path cache = dir.resolve("cache");

        assertThat(RunnerClassPath.of(library.toString(), cache).agent()).as("no jar names the agent class").isEmpty();
        assertThat(RunnerClassPath.of(library + ":" + agent, cache).agent()).contains(agent);

        io.interleave.grader.exercise.Limits limits = new io.interleave.grader.exercise.Limits(60, 512, 2);
        List<String> plain = GradingJvm.javaCommand("/jdk", library.toString(), limits, List.of());
        List<String> checked = GradingJvm.javaCommand("/jdk", library.toString(), limits, List.of("-javaagent:" + agent));
        assertThat(plain).contains("-XX:MaxMetaspaceSize=192m").noneMatch(a -> a.startsWith("-javaagent"));
        assertThat(checked).contains("-XX:MaxMetaspaceSize=320m", "-javaagent:" + agent);
        assertThat(checked.indexOf("-javaagent:" + agent)).as("options come before the class path")
                .isLessThan(checked.indexOf("-cp"));
    }

    @Test
    @DisplayName("a development build's class path holds Byte Buddy's agent jar, which names the agent class")
    void theBuildHasAnAgent(@TempDir Path dir) throws IOException {
        assertThat(RunnerClassPath.of(System.getProperty("java.class.path"), dir).agent()).isPresent();
    }

    private static Path jar(Path file, String... names) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : List.of(names)) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.getBytes());
                zip.closeEntry();
            }
        }
        return file;
    }
}
