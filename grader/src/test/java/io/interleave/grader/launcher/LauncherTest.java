package io.interleave.grader.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
}
