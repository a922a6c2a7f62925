package io.interleave.grader.runner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Where student code's System.out and System.err go: the first bytes are kept, the rest only counted. */
final class CappedOutput extends OutputStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int cap;
    private final AtomicLong total = new AtomicLong();

    CappedOutput(int cap) {
        this.cap = cap;
    }

    @Override
    public synchronized void write(int b) {
        total.incrementAndGet();
        if (kept.size() < cap) {
            kept.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        total.addAndGet(len);
        int room = cap - kept.size();
        if (room > 0) {
            kept.write(b, off, Math.min(room, len));
        }
    }

    long total() {
        return total.get();
    }
}
