package cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Public tests of RecipeCache: its single-threaded contract, and two gets of one key while its brew is in progress. */
@DisplayName("RecipeCache")
class RecipeCachePublicTest {

    private static final long PATIENCE_MS = 5_000;

    @Test
    @Tag("task:5")
    @DisplayName("get returns the brew's value, brews each key once, and size() counts the keys")
    void brewsOncePerKey() {
        AtomicInteger brews = new AtomicInteger();
        RecipeCache<String, String> cache = new RecipeCache<>(k -> {
            brews.incrementAndGet();
            return "brewed " + k;
        });
        assertThat(cache.get("chai")).isEqualTo("brewed chai");
        assertThat(cache.get("chai")).isEqualTo("brewed chai");
        assertThat(cache.get("latte")).isEqualTo("brewed latte");
        assertThat(brews.get()).as("brews after get(chai), get(chai), get(latte)").isEqualTo(2);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    @Tag("task:3")
    @DisplayName("A failed brew is thrown to the caller and not kept: the next get brews again")
    void failedBrewIsRetried() {
        AtomicInteger brews = new AtomicInteger();
        RecipeCache<String, String> cache = new RecipeCache<>(k -> {
            if (brews.incrementAndGet() == 1) {
                throw new IllegalStateException("the kettle boiled over");
            }
            return "brewed " + k;
        });
        assertThatThrownBy(() -> cache.get("chai")).hasStackTraceContaining("the kettle boiled over");
        assertThat(cache.size()).as("size() after the only brew failed").isZero();
        assertThat(cache.get("chai")).as("get after a failed brew").isEqualTo("brewed chai");
        assertThat(brews.get()).isEqualTo(2);
    }

    @Test
    @Tag("task:1")
    @DisplayName("Two gets of one key while its brew is in progress brew it once")
    void twoGetsBrewOnce() throws InterruptedException {
        AtomicInteger brews = new AtomicInteger();
        CountDownLatch inBrew = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecipeCache<String, String> cache = new RecipeCache<>(k -> {
            brews.incrementAndGet();
            inBrew.countDown();
            try {
                release.await(PATIENCE_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "brewed " + k;
        });
        List<AtomicReference<String>> got = List.of(new AtomicReference<>(), new AtomicReference<>());
        List<Thread> baristas = new ArrayList<>();
        baristas.add(Thread.ofPlatform().daemon().start(() -> got.get(0).set(cache.get("chai"))));
        assertThat(inBrew.await(PATIENCE_MS, TimeUnit.MILLISECONDS)).as("the first get started its brew").isTrue();
        baristas.add(Thread.ofPlatform().daemon().start(() -> got.get(1).set(cache.get("chai"))));
        long deadline = System.currentTimeMillis() + PATIENCE_MS;
        Thread second = baristas.get(1);
        while (brews.get() < 2 && second.getState() != Thread.State.WAITING && second.getState() != Thread.State.BLOCKED
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        release.countDown();
        for (Thread t : baristas) {
            t.join(PATIENCE_MS);
        }
        assertThat(brews.get()).as("brews of \"chai\": the second get asked while the first was brewing it, and must "
                + "wait for that brew instead of starting its own").isEqualTo(1);
        assertThat(got.get(1).get()).as("the second get's value").isEqualTo("brewed chai");
    }
}
