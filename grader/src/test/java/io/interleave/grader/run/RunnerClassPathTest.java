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
