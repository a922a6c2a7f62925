package io.interleave.grader.gradebook;

import java.time.Duration;
import java.time.Instant;

/**
 * A late penalty of {@code percentPerDay} for each day (or part of one) past the deadline, for commits up to
 * {@code cutoffDays} after it; later commits are not taken. {@link #NONE} takes nothing after the deadline.
 */
public record LatePolicy(double percentPerDay, int cutoffDays) {
    public static final LatePolicy NONE = new LatePolicy(0, 0);

    public LatePolicy {
        if (percentPerDay < 0 || percentPerDay > 100 || cutoffDays < 0) {
            throw new IllegalArgumentException("a late penalty is 0..100 % per day with a cutoff of 0 or more days");
        }
    }

    /** The last instant a commit is taken at. */
    public Instant horizon(Instant deadline) {
        return deadline.plus(Duration.ofDays(cutoffDays));
    }

    /** Days (each part of a day counts as one) from {@code deadline} to {@code committedAt}; 0 when on time. */
    public static int lateDays(Instant committedAt, Instant deadline) {
        long seconds = Duration.between(deadline, committedAt).toSeconds();
        return seconds <= 0 ? 0 : (int) ((seconds + 86_399) / 86_400);
    }

    /** The penalty in percent for {@code lateDays}, at most 100. */
    public double penaltyPercent(int lateDays) {
        return Math.min(100, lateDays * percentPerDay);
    }
}
