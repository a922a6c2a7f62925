package io.interleave.grader.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Progress of long runs")
class ProgressTest {

    @Test
    @DisplayName("prints each finished item's line whole, and on a terminal draws the bar below it and clears it at the end")
    void linesAboveTheBar() throws Exception {
        StringWriter lines = new StringWriter();
        StringWriter terminal = new StringWriter();
        try (Progress progress = Progress.start("verify", 4, "gradings", new PrintWriter(lines), new PrintWriter(terminal), true)) {
            progress.advance(1, "stub 1/2");
            Thread.sleep(700);
            progress.line("  ok  fix-the-race  stub");
            progress.advance(3, "done");
        }
        assertThat(lines.toString()).isEqualTo("  ok  fix-the-race  stub" + System.lineSeparator());
        String drawn = terminal.toString();
        assertThat(drawn).contains("verify", "1/4 gradings", " stub 1/2").contains("\r\033[K");
        assertThat(drawn).as("the bar is cleared at the end").endsWith("\r\033[K");
    }

    @Test
    @DisplayName("prints only the lines when not on a terminal")
    void linesOnly() {
        StringWriter lines = new StringWriter();
        StringWriter terminal = new StringWriter();
        try (Progress progress = Progress.start("verify", 2, "gradings", new PrintWriter(lines), new PrintWriter(terminal), false)) {
            progress.advance(1, "x");
            progress.line("one");
            progress.advance(1, "y");
            progress.line("two");
        }
        assertThat(lines.toString()).isEqualTo("one" + System.lineSeparator() + "two" + System.lineSeparator());
        assertThat(terminal.toString()).isEmpty();
    }
}
