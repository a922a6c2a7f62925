package cache;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Hidden checks of RecipeCache's single-threaded contract, and that each cache keeps its own brews. */
@DisplayName("RecipeCache's contract")
class RecipeCacheContractTest {

    @Test
    @Tag("task:5")
    @DisplayName("get returns the brew's value, brews each key once, and size() counts the keys with a value")
    void keepsTheContract() {
        Kitchen kitchen = new Kitchen();
        RecipeCache<String, String> cache = new RecipeCache<>(kitchen);
        assertThat(cache.size()).as("size() of a new cache").isZero();
        String chai = cache.get("chai");
        assertThat(chai).as("get(\"chai\") on a new cache").isEqualTo(Kitchen.value("chai", 1));
        assertThat(cache.get("chai")).as("a second get(\"chai\"): the same value, not brewed again").isSameAs(chai);
        assertThat(kitchen.brews("chai")).as("brews of \"chai\" after two gets").isEqualTo(1);
        assertThat(cache.get("latte")).as("get(\"latte\")").isEqualTo(Kitchen.value("latte", 1));
        assertThat(cache.get("AaAa")).as("get(\"AaAa\")").isEqualTo(Kitchen.value("AaAa", 1));
        assertThat(cache.get("BBBB")).as("get(\"BBBB\"), which has the same hashCode() as \"AaAa\"")
                .isEqualTo(Kitchen.value("BBBB", 1));
        assertThat(cache.size()).as("size() after brewing chai, latte, AaAa and BBBB").isEqualTo(4);
        assertThat(cache.get("AaAa")).as("get(\"AaAa\") again").isEqualTo(Kitchen.value("AaAa", 1));
        assertThat(kitchen.brews("AaAa") + kitchen.brews("BBBB")).as("brews of AaAa and BBBB after three gets").isEqualTo(2);
        RecipeCache<Integer, Integer> squares = new RecipeCache<>(n -> n * n);
        assertThat(squares.get(12)).as("get(12) of a cache that brews squares").isEqualTo(144);
        assertThat(squares.size()).as("its size()").isEqualTo(1);
    }

    @Test
    @Tag("task:5")
    @DisplayName("Each cache keeps its own brews: none in static fields, and two caches of one key hold their own values")
    void eachCacheKeepsItsOwnBrews() throws Exception {
        List<String> shared = new ArrayList<>();
        List<Class<?>> classes = new ArrayList<>(List.of(RecipeCache.class));
        classes.addAll(List.of(RecipeCache.class.getDeclaredClasses()));
        for (Class<?> c : classes) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                f.setAccessible(true);
                Object value = f.get(null);
                if (value instanceof Map<?, ?> || value instanceof Collection<?> || Map.class.isAssignableFrom(f.getType())
                        || Collection.class.isAssignableFrom(f.getType())) {
                    shared.add("static field " + f.getName() + " of type " + f.getType().getSimpleName()
                            + (c == RecipeCache.class ? "" : " in " + c.getSimpleName()));
                }
            }
        }
        if (!shared.isEmpty()) {
            fail("RecipeCache keeps brews where every cache shares them: %s. Each cache has its own brew function, so it "
                    + "must keep its own values: use instance fields.", String.join("; ", shared));
        }
        RecipeCache<String, String> masala = new RecipeCache<>(k -> "masala " + k);
        RecipeCache<String, String> plain = new RecipeCache<>(k -> "plain " + k);
        assertThat(masala.get("chai")).as("get(\"chai\") of a cache that brews masala chai").isEqualTo("masala chai");
        assertThat(plain.get("chai")).as("get(\"chai\") of a second cache, which brews plain chai").isEqualTo("plain chai");
        assertThat(plain.size()).as("size() of the second cache").isEqualTo(1);
    }
}
