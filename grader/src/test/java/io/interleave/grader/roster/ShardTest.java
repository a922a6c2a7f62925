package io.interleave.grader.roster;

import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A shard of a class")
class ShardTest {
    @Test
    @DisplayName("puts a student in the same shard on every run (SHA-256 of the id, first 8 bytes unsigned, mod N, plus 1)")
    void stable() {
        // Fixed values: a change here would split a class differently between nodes of different grader versions.
        assertThat(Shard.of("s1", 2)).isEqualTo(Shard.of("s1", 2));
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(i -> Shard.of("student-" + i, 3)).toList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 5).mapToObj(i -> Shard.of("student-" + i, 3)).toList());
        assertThat(Shard.of("alice", 1)).isEqualTo(1);
        assertThat(Shard.of("", 7)).isBetween(1, 7);
    }

    @Test
    @DisplayName("puts every student in exactly one shard, and shards of 1000 ids are roughly the same size")
    void exactlyOneAndBalanced() {
        int n = 4;
        int[] sizes = new int[n];
        for (int i = 0; i < 1000; i++) {
            String id = "s" + i;
            int holders = 0;
            for (int k = 1; k <= n; k++) {
                if (new Shard(k, n).contains(id)) {
                    holders++;
                    sizes[k - 1]++;
                }
            }
            assertThat(holders).as("shards holding %s", id).isEqualTo(1);
        }
        for (int k = 0; k < n; k++) {
            assertThat(sizes[k]).as("students of 1000 in shard %d/4", k + 1).isBetween(200, 300);
        }
    }

    @Test
    @DisplayName("reads I/N, and the whole class is 1/1")
    void parses() {
        assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
        assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(Shard.ALL);
        assertThat(Shard.parse("3/3")).hasToString("3/3");
        assertThat(IntStream.range(0, 50).allMatch(i -> Shard.ALL.contains("x" + i))).isTrue();
    }

    @Test
    @DisplayName("refuses shards that do not exist, saying what is wrong and how to write one")
    void refuses() {
        assertThatThrownBy(() -> Shard.parse("0/3")).hasMessageContaining("shard 0/3 does not exist")
                .hasMessageContaining("numbered 1 to 3");
        assertThatThrownBy(() -> Shard.parse("4/3")).hasMessageContaining("shard 4/3 does not exist")
                .hasMessageContaining("1 <= I <= N");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("'a/b' is not a shard")
                .hasMessageContaining("write it as I/N");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessageContaining("1 or more shards, not 0")
                .hasMessageContaining("e.g. --shard 1/4");
        assertThatThrownBy(() -> Shard.parse("1")).hasMessageContaining("'1' is not a shard");
    }
}
