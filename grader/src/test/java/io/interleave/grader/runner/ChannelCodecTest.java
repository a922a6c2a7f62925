package io.interleave.grader.runner;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The results channel")
class ChannelCodecTest {
    private final ChannelCodec codec = new ChannelCodec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    private final RunnerEvent event = new RunnerEvent.CheckFinished("race.T#m", RunnerEvent.Outcome.PASSED, "ok", 12);

    @Test
    @DisplayName("decodes a line it signed, in sequence")
    void roundTrip() {
        String line = codec.encode(0, event);
        assertThat(codec.decode(line, 0)).contains(event);
    }

    @Test
    @DisplayName("rejects a line signed with another key, as student code would have to forge it")
    void otherKey() {
        String forged = new ChannelCodec(new byte[] {9, 9, 9}).encode(0, event);
        assertThat(codec.decode(forged, 0)).isEmpty();
    }

    @Test
    @DisplayName("rejects a replayed or reordered line")
    void replay() {
        String line = codec.encode(0, event);
        assertThat(codec.decode(line, 1)).isEmpty();
    }

    @Test
    @DisplayName("rejects a line whose payload was changed after signing")
    void tampered() {
        String line = codec.encode(0, event);
        String[] parts = line.split(" ");
        String other = codec.encode(0, new RunnerEvent.CheckFinished("race.T#m", RunnerEvent.Outcome.FAILED, "x", 1)).split(" ")[2];
        assertThat(codec.decode(parts[0] + " " + parts[1] + " " + other + " " + parts[3], 0)).isEmpty();
    }

    @Test
    @DisplayName("ignores printed text, fake JSON and garbage")
    void garbage() {
        for (String line : List.of("", "hello", "{\"score\": 100}", ChannelCodec.MARKER, ChannelCodec.MARKER + "0 abc def",
                ChannelCodec.MARKER + "x y z", ChannelCodec.MARKER + "0 !!! 00")) {
            assertThat(codec.decode(line, 0)).as(line).isEmpty();
        }
    }
}
