package io.interleave.grader.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The jar's launcher")
class LauncherTest {
    @Test
    @DisplayName("reads feature versions of old and new version strings")
    void featureVersions() {
        assertThat(Launcher.feature("1.8")).isEqualTo(8);
        assertThat(Launcher.feature("17")).isEqualTo(17);
        assertThat(Launcher.feature("21.0.2")).isEqualTo(21);
        assertThat(Launcher.feature("25-ea")).isEqualTo(25);
        assertThat(Launcher.feature("junk")).isZero();
    }

    @Test
    @DisplayName("finds a JDK 21 or newer on this machine, as the build does")
    void findsJdk() {
        assertThat(Launcher.findJdk()).hasValueSatisfying(home ->
                assertThat(home.resolve("bin/java")).isExecutable());
    }

    @Test
    @DisplayName("starts the grader from the start-up cache when there is one, and without it otherwise")
    void javaCommand(@TempDir Path dir) {
        Path jdk = dir.resolve("jdk");
        Path jar = dir.resolve("grader.jar");
        assertThat(Launcher.javaCommand(jdk, jar, Optional.of(dir.resolve("host.aot")), new String[] {"list"}))
                .startsWith(jdk.resolve("bin/java").toString())
                .contains("-XX:AOTCache=" + dir.resolve("host.aot"))
                .endsWith("-cp", jar.toString(), "io.interleave.grader.cli.GraderMain", "list");
        assertThat(Launcher.javaCommand(jdk, jar, Optional.empty(), new String[] {"list"}))
                .noneMatch(arg -> arg.startsWith("-XX:AOTCache"));
    }

    @Test
    @DisplayName("uses no start-up cache on a JDK older than 25, which cannot read one")
    void noCacheBefore25(@TempDir Path dir) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve("jdk-21"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"21.0.5\"\n");
        Path jar = Files.write(dir.resolve("grader.jar"), new byte[] {1, 2, 3});
        assertThat(Launcher.startupCache(jdk, jar)).isEmpty();
    }

    @Test
    @DisplayName("keys the start-up cache to the JDK's version and the jar's size and time")
    void fingerprint(@TempDir Path dir) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve("jdk-25"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
        Path jar = Files.write(dir.resolve("grader.jar"), new byte[] {1, 2, 3});
        String first = Launcher.fingerprint(jdk, jar);
        assertThat(Launcher.fingerprint(jdk, jar)).isEqualTo(first);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(Launcher.fingerprint(jdk, jar)).isNotEqualTo(first);
        String rebuilt = Launcher.fingerprint(jdk, jar);
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.2\"\n");
        assertThat(Launcher.fingerprint(jdk, jar)).isNotEqualTo(rebuilt);
    }
}
