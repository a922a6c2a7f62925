package io.interleave.grader.runner;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The runner's end of the results channel: signed lines on the process's real standard output. */
final class ResultChannel {
    private final ChannelCodec codec;
    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private long seq;

    ResultChannel(ChannelCodec codec) {
        this.codec = codec;
    }

    /** Sends one event; a leading newline ends any partial line that other output left behind. */
    synchronized void send(RunnerEvent event) {
        String line = "\n" + codec.encode(seq++, event) + "\n";
        try {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the grader stopped reading: nothing left to report to
        }
    }
}
