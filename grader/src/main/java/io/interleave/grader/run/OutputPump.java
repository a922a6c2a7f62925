package io.interleave.grader.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads one output stream of the grading JVM to its end without buffering it whole: result lines go to a
 * handler, the first bytes of everything else are kept, and a flood past the limit is reported once.
 */
final class OutputPump implements Runnable {
    static final int MAX_LINE = 1024 * 1024;
    private final InputStream in;
    private final Predicate<String> resultLine;
    private final long floodLimit;
    private final Consumer<Long> onFlood;
    private final int excerptBytes;
    private final ByteArrayOutputStream excerpt = new ByteArrayOutputStream();
    private long otherBytes;

    OutputPump(InputStream in, Predicate<String> resultLine, long floodLimit, int excerptBytes, Consumer<Long> onFlood) {
        this.in = in;
        this.resultLine = resultLine;
        this.floodLimit = floodLimit;
        this.excerptBytes = excerptBytes;
        this.onFlood = onFlood;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[64 * 1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean overlong = false;
        boolean flooded = false;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        if (!overlong) {
                            consume(line.toString(StandardCharsets.UTF_8));
                        }
                        line.reset();
                        overlong = false;
                    } else if (!overlong) {
                        line.write(b);
                        if (line.size() > MAX_LINE) {
                            keep(line.toByteArray());
                            line.reset();
                            overlong = true;
                        }
                    } else {
                        otherBytes++;
                    }
                }
                if (!flooded && otherBytes > floodLimit) {
                    flooded = true;
                    onFlood.accept(otherBytes);
                }
            }
            if (line.size() > 0 && !overlong) {
                consume(line.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process is gone; what was read is what there is
        }
    }

    private void consume(String text) {
        if (!resultLine.test(text)) {
            keep((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private synchronized void keep(byte[] bytes) {
        otherBytes += bytes.length;
        int room = excerptBytes - excerpt.size();
        if (room > 0) {
            excerpt.write(bytes, 0, Math.min(room, bytes.length));
        }
    }

    synchronized String excerpt() {
        return excerpt.toString(StandardCharsets.UTF_8).strip();
    }
}
