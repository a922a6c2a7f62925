package io.interleave.grader.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final PrintStream replacedErr;
    private String shown;
    private boolean drawing;

    private Progress(PrintWriter lines, PrintWriter terminal, String task, long total, String unit) {
        this.lines = lines;
        this.terminal = terminal;
        this.replacedErr = terminal == null ? null : System.err;
        if (terminal != null) {
            // the grader's own notes on System.err (a start-up cache being trained) go above the bar, not into it
            System.setErr(new PrintStream(new LineSplitter(this::note), true, StandardCharsets.UTF_8));
        }
        this.bar = terminal == null ? null : new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(500)
                .continuousUpdate()
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
        above(lines, text);
    }

    /** A line someone printed on System.err while the bar is shown. */
    private void note(String text) {
        synchronized (lock) {
            if (drawing) { // the terminal writer itself prints to System.err: no loop
                replacedErr.println(text);
                return;
            }
            above(terminal, text);
        }
    }

    private void above(PrintWriter target, String text) {
        synchronized (lock) {
            drawing = true;
            if (shown != null) {
                terminal.print(CLEAR_LINE);
                terminal.flush();
            }
            target.println(text);
            target.flush();
            if (shown != null) {
                terminal.print(CLEAR_LINE + shown);
                terminal.flush();
            }
            drawing = false;
        }
    }

    /** Counts {@code units} more as done, with a note on what runs now (shown beside the bar). */
    void advance(long units, String now) {
        if (bar != null) {
            bar.stepBy(units);
            bar.setExtraMessage(" " + now);
        }
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
        if (replacedErr != null) {
            System.err.flush();
            System.setErr(replacedErr);
        }
        if (bar != null) {
            bar.close();
            synchronized (lock) {
                terminal.print(CLEAR_LINE);
                terminal.flush();
                shown = null;
            }
        }
    }

    /** Collects bytes into lines and hands each complete line on. */
    private static final class LineSplitter extends OutputStream {
        private final java.util.function.Consumer<String> sink;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineSplitter(java.util.function.Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                sink.accept(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            } else {
                pending.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            if (pending.size() > 0) {
                sink.accept(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
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
