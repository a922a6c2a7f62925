package io.interleave.grader.classreport;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class report opened in a real headless Chromium (Debian's package; .ci/run installs it): it loads without
 * console messages (the page logs nothing, so any message is an error) and its screenshot shows the charts.
 */
@DisplayName("The class report in headless Chromium")
class ClassReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** What Chromium said of one page: the page's console lines (from its log) and the screenshot. */
    private record Load(List<String> console, Path screenshot) {
    }

    private static Load open(Path page, Path screenshot, Path profile) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new TestAbortedException("skipped: needs Chromium (apt-get install chromium; .ci/run installs it)");
        }
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless=new", "--disable-gpu",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                "--window-size=1280,2000", "--hide-scrollbars", "--screenshot=" + screenshot.toAbsolutePath()));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--no-sandbox");
        }
        command.add(page.toAbsolutePath().toUri().toString());
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Process chromium = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("Chromium did not finish in 90 s: " + Files.readString(log));
        }
        assertThat(chromium.exitValue()).as(Files.readString(log)).isZero();
        List<String> console = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
        return new Load(console, screenshot);
    }

    @Test
    @DisplayName("loads without console errors and its screenshot shows the charts; a page with a JS error is caught")
    void loadsCleanAndRenders(@TempDir Path temp) throws Exception {
        Path dir = Path.of("target", "class-report");
        Files.createDirectories(dir);
        Path page = dir.resolve("report-browser.html");
        Files.writeString(page, ClassReportTest.report());
        Path broken = temp.resolve("broken.html");
        Files.writeString(broken, "<!DOCTYPE html><html><body><p>x</p><script>reportNotDefined();</script></body></html>");

        Load bad = open(broken, temp.resolve("broken.png"), temp.resolve("profile-broken"));
        assertThat(bad.console()).as("the check sees a page's JavaScript error").anySatisfy(l -> assertThat(l).contains("Uncaught ReferenceError"));

        Load report = open(page, dir.resolve("report-chromium.png"), temp.resolve("profile-report"));
        assertThat(report.console()).as("console messages of the class report").isEmpty();
        assertThat(report.screenshot()).exists();
        assertThat(Files.size(report.screenshot())).as("a screenshot with content").isGreaterThan(30_000);
        BufferedImage image = ImageIO.read(report.screenshot().toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        Set<Integer> colours = new HashSet<>();
        int chartPixels = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (b > r + 40 && b > g + 20) {
                    chartPixels++; // ECharts' default first series colour is a blue (#5470c6)
                }
            }
        }
        assertThat(colours.size()).as("distinct colours: not a blank page").isGreaterThan(50);
        assertThat(chartPixels).as("blue bar pixels drawn by the charts").isGreaterThan(500);
    }
}
