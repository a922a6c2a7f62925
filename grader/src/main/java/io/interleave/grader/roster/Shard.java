package io.interleave.grader.roster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard {@code index} of {@code count}: a stable share of a class by student, the same on every machine and every run,
 * since a student's shard is the first 8 bytes of the SHA-256 of their id, as an unsigned number, mod count, plus 1.
 */
public record Shard(int index, int count) {
    /** The whole class: what a run without {@code --shard} grades. */
    public static final Shard ALL = new Shard(1, 1);

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("a class is split into 1 or more shards, not " + count
                    + "; write the shard as I/N with N at least 1 (e.g. --shard 1/4)");
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: shards are numbered 1 to " + count
                    + "; write I/N with 1 <= I <= N (e.g. --shard 1/" + count + " ... --shard " + count + "/" + count + ")");
        }
    }

    /** Reads {@code I/N}; the message of the exception says what is wrong and how to write it. */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a shard; write it as I/N, two whole numbers with"
                    + " 1 <= I <= N (e.g. --shard 2/4 grades the second of four shares of the class)");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The shard, 1 to {@code count}, that the student with this id belongs to. */
    public static int of(String studentId, int count) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(studentId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), count) + 1; // the first 8 bytes, big-endian
    }

    /** Whether this shard grades the student with this id. */
    public boolean contains(String studentId) {
        return of(studentId, count) == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
