package io.interleave.grader.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of a long command: a line for each finished item as soon as it is done, and, when standard error
 * is a terminal, a live bar below those lines (rendered by me.tongfei's progressbar, placed here so that a line
 * printed above it never tears it). {@code INTERLEAVE_PROGRESS=bar} forces the bar, {@code =lines} turns it off.
 */
final class Progress implements AutoCloseable {
    private static final String CLEAR_LINE = "\r\033[K";
    private final PrintWriter lines;
    private final PrintWriter terminal;
    private final ProgressBar bar;
    private final Object lock = new Object();
    private String shown;

    private Progress(PrintWriter lines, PrintWriter terminal, String task, long total, String unit) {
        this.lines = lines;
        this.terminal = terminal;
        this.bar = terminal == null ? null : new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(500)
                .setConsumer(new DelegatingProgressBarConsumer(this::draw, width()))
                .build();
    }

    /**
     * Progress of {@code total} units of {@code unit} (e.g. "gradings"); item lines go to {@code lines}, the bar (on a
     * terminal only) to {@code err}.
     */
    static Progress start(String task, long total, String unit, PrintWriter lines, PrintWriter err) {
        return start(task, total, unit, lines, err, showBar());
    }

    /** As {@link #start(String, long, String, PrintWriter, PrintWriter)}, with the bar shown or not as {@code bar} says. */
    static Progress start(String task, long total, String unit, PrintWriter lines, PrintWriter err, boolean bar) {
        return new Progress(lines, bar ? err : null, task, total, unit);
    }

    /** Prints one finished item's line (above the bar, which is redrawn below it). */
    void line(String text) {
        synchronized (lock) {
            if (shown != null) {
                terminal.print(CLEAR_LINE);
                terminal.flush();
            }
            lines.println(text);
            lines.flush();
            if (shown != null) {
                terminal.print(shown);
                terminal.flush();
            }
        }
    }

    /** Counts {@code units} more as done, with a note on what runs now (shown beside the bar). */
    void advance(long units, String now) {
        if (bar != null) {
            bar.stepBy(units);
            bar.setExtraMessage(" " + now);
        }
    }

    /** Elapsed time since start, for the closing line. */
    Duration elapsed() {
        return bar == null ? Duration.ZERO : bar.getTotalElapsed();
    }

    private void draw(String rendered) {
        synchronized (lock) {
            shown = rendered;
            terminal.print(CLEAR_LINE + rendered);
            terminal.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            synchronized (lock) {
                terminal.print(CLEAR_LINE);
                terminal.flush();
                shown = null;
            }
        }
    }

    private static boolean showBar() {
        String forced = System.getenv("INTERLEAVE_PROGRESS");
        if ("bar".equals(forced)) {
            return true;
        }
        if ("lines".equals(forced) || "dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The terminal's width less one (a full line would wrap), from {@code stty size}, else 79. */
    private static int width() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
            if (stty.waitFor() == 0 && size.matches("\\d+ \\d+")) {
                return Math.max(40, Integer.parseInt(size.split(" ")[1]) - 1);
            }
        } catch (java.io.IOException e) {
            // no terminal to ask
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 79;
    }
}
