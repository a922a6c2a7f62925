package io.interleave.grader.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Frames runner events as lines that carry an HMAC-SHA256 over a sequence number and the payload, keyed
 * with a secret that the grader gives the runner on standard input before any student class loads.
 * Student code can print anything, but cannot produce a line that verifies.
 */
public final class ChannelCodec {
    /** Every result line starts with this marker. */
    public static final String MARKER = "@@interleave-v1 ";
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final SecretKeySpec key;

    public ChannelCodec(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public static ChannelCodec fromHex(String hex) {
        return new ChannelCodec(HexFormat.of().parseHex(hex.trim()));
    }

    /** The line (without its newline) that carries {@code event} as message number {@code seq}. */
    public String encode(long seq, RunnerEvent event) {
        try {
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(event));
            return MARKER + seq + " " + payload + " " + sign(seq, payload);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + event, e);
        }
    }

    /** The event in {@code line} if it is a result line numbered {@code expectedSeq} whose signature verifies. */
    public Optional<RunnerEvent> decode(String line, long expectedSeq) {
        if (!line.startsWith(MARKER)) {
            return Optional.empty();
        }
        String[] parts = line.substring(MARKER.length()).trim().split(" ");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            long seq = Long.parseLong(parts[0]);
            byte[] expected = sign(seq, parts[1]).getBytes(StandardCharsets.US_ASCII);
            if (seq != expectedSeq || !MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            return Optional.of(JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), RunnerEvent.class));
        } catch (RuntimeException | IOException e) {
            return Optional.empty();
        }
    }

    private String sign(long seq, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((seq + " ").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
