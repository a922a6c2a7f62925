package io.interleave.grader.gradebook;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The late policy")
class LatePolicyTest {
    private static final Instant DEADLINE = Instant.parse("2025-03-02T23:59:59Z");

    @Test
    @DisplayName("counts each day or part of a day past the deadline, and nothing on time")
    void lateDays() {
        assertThat(LatePolicy.lateDays(DEADLINE, DEADLINE)).isZero();
        assertThat(LatePolicy.lateDays(Instant.parse("2025-03-01T00:00:00Z"), DEADLINE)).isZero();
        assertThat(LatePolicy.lateDays(DEADLINE.plusSeconds(1), DEADLINE)).isEqualTo(1);
        assertThat(LatePolicy.lateDays(DEADLINE.plusSeconds(86_400), DEADLINE)).isEqualTo(1);
        assertThat(LatePolicy.lateDays(DEADLINE.plusSeconds(86_401), DEADLINE)).isEqualTo(2);
    }

    @Test
    @DisplayName("takes commits up to the cutoff, with a penalty per day of at most 100 %")
    void penalty() {
        LatePolicy policy = new LatePolicy(40, 3);
        assertThat(policy.horizon(DEADLINE)).isEqualTo(Instant.parse("2025-03-05T23:59:59Z"));
        assertThat(policy.penaltyPercent(2)).isEqualTo(80);
        assertThat(policy.penaltyPercent(3)).isEqualTo(100);
        assertThat(LatePolicy.NONE.horizon(DEADLINE)).isEqualTo(DEADLINE);
        assertThatThrownBy(() -> new LatePolicy(120, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
