package cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import static cache.Callers.describe;
import static cache.Callers.where;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hidden checks of RecipeCache under several threads. Every scene forces its order: a brew is held on a gate, so the
 * first get is provably inside it, and the next caller starts only then; the scene then waits until that caller is seen
 * waiting in the cache (a thread state the JVM reports, seen without a break) or has started a brew of its own, before
 * it releases the gate. Nothing depends on how fast the machine is; a thread the machine did not run makes a check
 * inconclusive.
 */
@Isolated
@DisplayName("RecipeCache shared by several baristas")
class RecipeCacheHiddenTest {

    private static final Duration JOIN_CAP = Duration.ofSeconds(15);

    @Test
    @Tag("task:1")
    @DisplayName("Three gets of one key while its brew is in progress brew it once, and all get that value")
    void oneKeyIsBrewedOnce() {
        Kitchen kitchen = new Kitchen().hold("chai");
        RecipeCache<String, String> cache = new RecipeCache<>(kitchen);
        try (Callers scene = new Callers(kitchen)) {
            List<Callers.Caller> gets = new ArrayList<>();
            gets.add(scene.start("barista-1", () -> cache.get("chai")));
            scene.await(() -> kitchen.brews("chai") >= 1 || gets.get(0).done, "barista-1's get(\"chai\") starting its brew");
            List<String> seen = new ArrayList<>();
            for (int i = 2; i <= 3; i++) {
                int before = kitchen.brews("chai");
                Callers.Caller next = scene.start("barista-" + i, () -> cache.get("chai"));
                gets.add(next);
                Callers.Seen how = scene.watch(next, () -> kitchen.brews("chai") > before);
                seen.add(next + (how == Callers.Seen.BREWING ? " started a brew of its own" : how == Callers.Seen.RETURNED
                        ? " returned " + Objects.toString(next.result) + (next.error == null ? "" : ", threw " + where(next.error))
                        : " waited (" + describe(next) + ")"));
            }
            kitchen.release("chai");
            requireDone(scene, "the three get(\"chai\") calls after the brew was released");
            int brews = kitchen.brews("chai");
            if (brews != 1) {
                fail(("3 gets of one key brewed it %d times: barista-1's get(\"chai\") was inside the brew, held there, "
                        + "when barista-2 and barista-3 asked for \"chai\"; then %s. A get that finds the key being "
                        + "brewed must wait for that brew, not start another. Look at what get does between finding no "
                        + "value and putting one: can a second thread do the same check before the first puts its "
                        + "value?").formatted(brews, String.join("; ", seen)));
            }
            Object first = gets.get(0).result;
            for (Callers.Caller g : gets) {
                if (g.error != null) {
                    fail("%s's get(\"chai\") threw %s although the brew succeeded.", g, where(g.error));
                }
                if (g.result != first) {
                    fail("The gets of one key got different values: barista-1 got %s and %s got %s; everyone who waited "
                            + "for the brew must get the value it made.", first, g, g.result);
                }
            }
            if (!Kitchen.value("chai", 1).equals(first)) {
                fail("get(\"chai\") returned %s, expected the brew's value %s.", first, Kitchen.value("chai", 1));
            }
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("Gets of different keys brew in parallel: the second key's brew starts while the first's is in progress")
    void differentKeysBrewInParallel() {
        differentKeysDoNotWait("ginger", "latte", "");
    }

    @Test
    @Tag("task:2")
    @DisplayName("Gets of different keys never wait for each other, also when their keys share a hash bucket")
    void collidingKeysNeverWait() {
        differentKeysDoNotWait("AaAa", "BBBB", " (\"AaAa\" and \"BBBB\" have the same hashCode(), 2031744, so they share"
                + " a bucket in any hash map)");
    }

    /** The brew of {@code first} is held until the brew of {@code second} has started: a get of second must start it. */
    private void differentKeysDoNotWait(String first, String second, String note) {
        Kitchen kitchen = new Kitchen().hold(first);
        RecipeCache<String, String> cache = new RecipeCache<>(kitchen);
        try (Callers scene = new Callers(kitchen)) {
            Callers.Caller a = scene.start("barista-1", () -> cache.get(first));
            scene.await(() -> kitchen.brews(first) >= 1 || a.done, "barista-1's get(\"" + first + "\") starting its brew");
            Callers.Caller b = scene.start("barista-2", () -> cache.get(second));
            Callers.Seen how = watchPastSpinning(scene, b, () -> kitchen.brews(second) >= 1);
            if (how == Callers.Seen.WAITING) {
                String evidence = describe(b) + "; barista-1 is inside the brew of \"" + first + "\" (" + describe(a) + ")";
                fail(("A get of \"%s\" waited for the brew of another key, \"%s\"%s: barista-1's brew of \"%s\" was held "
                        + "in progress and barista-2's get(\"%s\") then waited in the cache for over %d ms without starting "
                        + "its own brew: %s. Different keys must brew in parallel. Look at what a get holds while the brew "
                        + "runs: a lock that other keys also need (the whole cache, or a part of a map that more than one "
                        + "key uses)?").formatted(second, first, note, first, second, Callers.WAIT_WINDOW.toMillis(),
                        evidence));
            }
            kitchen.release(first);
            requireDone(scene, "get(\"" + first + "\") and get(\"" + second + "\")");
            expectValue(a, first, kitchen);
            expectValue(b, second, kitchen);
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("A get of a cached key returns at once while another key's brew is in progress")
    void cachedKeyNeverWaits() {
        Kitchen kitchen = new Kitchen();
        RecipeCache<String, String> cache = new RecipeCache<>(kitchen);
        cache.get("AaAa");
        cache.get("AaBB");
        kitchen.hold("BBBB");
        try (Callers scene = new Callers(kitchen)) {
            Callers.Caller brewer = scene.start("barista-1", () -> cache.get("BBBB"));
            scene.await(() -> kitchen.brews("BBBB") >= 1 || brewer.done, "barista-1's get(\"BBBB\") starting its brew");
            for (String cached : List.of("AaAa", "AaBB")) {
                Callers.Caller reader = scene.start("barista-" + cached, () -> cache.get(cached));
                Callers.Seen how = watchPastSpinning(scene, reader, () -> kitchen.brews(cached) > 1);
                if (how == Callers.Seen.WAITING) {
                    fail(("A get of a cached key waited for a brew in progress: \"%s\" was already cached, barista-1's "
                            + "brew of \"BBBB\" was held in progress (\"AaAa\", \"AaBB\" and \"BBBB\" share a hash "
                            + "bucket), and get(\"%s\") then waited in the cache for over %d ms: %s; barista-1 is %s. A "
                            + "value that is there must be served without waiting for anybody's brew. Look at what a get "
                            + "of a cached key must take, a lock or a map's bucket, that a brew in progress "
                            + "holds.").formatted(cached, cached, Callers.WAIT_WINDOW.toMillis(), describe(reader),
                            describe(brewer)));
                }
                if (how == Callers.Seen.BREWING) {
                    fail("get(\"%s\") of a cached key brewed it again (%d brews): a cached value must be served as it is.",
                            cached, kitchen.brews(cached));
                }
                if (reader.error != null || !Kitchen.value(cached, 1).equals(reader.result)) {
                    fail("get(\"%s\") of a cached key returned %s%s, expected %s.", cached, reader.result,
                            reader.error == null ? "" : " and threw " + where(reader.error), Kitchen.value(cached, 1));
                }
            }
            kitchen.release("BBBB");
            requireDone(scene, "get(\"BBBB\")");
            expectValue(brewer, "BBBB", kitchen);
        }
    }

    @Test
    @Tag("task:3")
    @DisplayName("A failed brew is rethrown to every get that waited for it, and nobody brews it again meanwhile")
    void failureReachesEveryWaiter() {
        Kitchen kitchen = new Kitchen().hold("masala").failing("masala", 3);
        RecipeCache<String, String> cache = new RecipeCache<>(kitchen);
        try (Callers scene = new Callers(kitchen)) {
            List<Callers.Caller> gets = new ArrayList<>();
            gets.add(scene.start("barista-1", () -> cache.get("masala")));
            scene.await(() -> kitchen.brews("masala") >= 1 || gets.get(0).done, "barista-1's get(\"masala\") starting its brew");
            List<String> seen = new ArrayList<>();
            for (int i = 2; i <= 3; i++) {
                int before = kitchen.brews("masala");
                Callers.Caller next = scene.start("barista-" + i, () -> cache.get("masala"));
                gets.add(next);
                Callers.Seen how = scene.watch(next, () -> kitchen.brews("masala") > before);
                seen.add(next + (how == Callers.Seen.BREWING ? " started a brew of its own while the first was in progress"
                        : how == Callers.Seen.RETURNED ? " returned before the brew ended" : " waited"));
            }
            kitchen.release("masala");
            requireDone(scene, "the three get(\"masala\") calls after the failing brew was released");
            // barista-1's brew (brew 1) is the one the others waited for; with several brews, another may fail first
            Kitchen.BoiledOver failure = kitchen.thrown.stream().filter(f -> f.brew == 1).findFirst()
                    .orElse(kitchen.thrown.get(0));
            List<String> wrong = new ArrayList<>();
            for (Callers.Caller g : gets) {
                if (g.error == null) {
                    wrong.add(g + " returned " + g.result + " instead of throwing");
                } else if (!causedBy(g.error, failure)) {
                    wrong.add(g + " threw " + where(g.error) + ", not the failure of the brew it waited for");
                }
            }
            int brews = kitchen.brews("masala");
            if (brews != 1) {
                fail(("A failed brew did not reach its waiters: barista-1's brew of \"masala\" was held in progress while "
                        + "barista-2 and barista-3 asked for it (%s), and then failed with \"%s\"; \"masala\" was brewed "
                        + "%d times in all%s. Every get that waited for a brew must get that brew's failure, "
                        + "rethrown, and must not brew again itself. Look at what a waiting get does when the brew it "
                        + "waited for fails: does it see the failure, or start over?").formatted(String.join("; ", seen),
                        failure.getMessage(), brews, wrong.isEmpty() ? "" : ": " + String.join("; ", wrong)));
            }
            if (!wrong.isEmpty()) {
                fail(("A failed brew did not reach every waiter: barista-1's brew of \"masala\" failed with \"%s\" while "
                        + "barista-2 and barista-3 waited for it, and %s. Every get that waited for the brew must throw "
                        + "its failure (the exception itself, or one caused by it). Look at how a waiting get learns "
                        + "that the brew failed.").formatted(failure.getMessage(), String.join("; ", wrong)));
            }
        }
    }

    @Test
    @Tag("task:3")
    @DisplayName("A failed brew is not kept: the next get brews the key again, and size() counts neither it nor a brew in progress")
    void failedBrewIsNotKept() {
        Kitchen kitchen = new Kitchen().failing("ginger", 1);
        RecipeCache<String, String> cache = new RecipeCache<>(kitchen);
        Throwable first = null;
        try {
            cache.get("ginger");
        } catch (Throwable t) {
            first = t;
        }
        if (first == null || !causedBy(first, kitchen.thrown.get(0))) {
            fail("get(\"ginger\") whose brew failed with \"%s\" %s; it must throw that failure (or an exception "
                    + "caused by it).", kitchen.thrown.get(0).getMessage(),
                    first == null ? "returned normally" : "threw " + where(first));
        }
        if (cache.size() != 0) {
            fail("After the only brew, of \"ginger\", failed, size() is %d; a failed brew leaves no value, so expected 0.",
                    cache.size());
        }
        String again;
        try {
            again = cache.get("ginger");
        } catch (Throwable t) {
            fail(("The failure was kept: get(\"ginger\") failed once with \"%s\", and the next get(\"ginger\") %s, after "
                    + "%d brew(s) in all. A failed brew must not stay in the cache: the next get must brew again. Look "
                    + "at what is left in the cache when a brew fails.").formatted(kitchen.thrown.get(0).getMessage(),
                    causedBy(t, kitchen.thrown.get(0)) ? "threw the same failure again" : "threw " + where(t),
                    kitchen.brews("ginger")));
            return;
        }
        if (kitchen.brews("ginger") != 2 || !Kitchen.value("ginger", 2).equals(again)) {
            fail("After a failed brew of \"ginger\" the next get returned %s after %d brews, expected a new brew's value %s.",
                    again, kitchen.brews("ginger"), Kitchen.value("ginger", 2));
        }
        if (cache.size() != 1) {
            fail("After \"ginger\" failed once and then brewed, size() is %d, expected 1.", cache.size());
        }
        // a brew in progress may still fail, so it is no value yet; size() is asked on a thread of its own, since an
        // answer may make it wait for the brew
        kitchen.hold("cardamom");
        try (Callers scene = new Callers(kitchen)) {
            Callers.Caller brewer = scene.start("barista-1", () -> cache.get("cardamom"));
            scene.await(() -> kitchen.brews("cardamom") >= 1 || brewer.done, "barista-1's get(\"cardamom\") starting its brew");
            Callers.Caller counter = scene.start("barista-2", cache::size);
            Callers.Seen how = watchPastSpinning(scene, counter, () -> false);
            if (how == Callers.Seen.WAITING) {
                fail("size() waited for a brew in progress: barista-1's brew of \"cardamom\" was held, and barista-2's "
                        + "size() then waited in the cache for over %d ms: %s. Counting the values there must not wait for "
                        + "anybody's brew.", Callers.WAIT_WINDOW.toMillis(), describe(counter));
            }
            if (counter.error != null || !Integer.valueOf(1).equals(counter.result)) {
                fail(("size() counted a brew in progress: \"ginger\" has a value and barista-1's brew of \"cardamom\" was "
                        + "held in progress, and size() %s, expected 1. A brew that has not finished may still fail, so "
                        + "its key has no value yet; look at what size() counts.").formatted(counter.error == null
                        ? "returned " + counter.result : "threw " + where(counter.error)));
            }
            kitchen.release("cardamom");
            requireDone(scene, "get(\"cardamom\")");
        }
        if (cache.size() != 2) {
            fail("After \"ginger\" and then \"cardamom\" brewed, size() is %d, expected 2.", cache.size());
        }
    }

    @Test
    @Tag("task:4")
    @DisplayName("A brew may ask the cache for other keys, also ones that share its hash bucket")
    void brewMayAskForAnotherKey() {
        Kitchen kitchen = new Kitchen();
        RecipeCache<String, String> cache = new RecipeCache<>(kitchen);
        kitchen.brewsWith("AaAa", k -> "AaAa with " + cache.get("BBBB"));
        kitchen.brewsWith("BBBB", k -> "BBBB with " + cache.get("AaBB"));
        try (Callers scene = new Callers(kitchen)) {
            Callers.Caller get = scene.start("barista-1", () -> cache.get("AaAa"));
            List<Callers.Caller> stuck = scene.awaitDone(JOIN_CAP);
            if (!stuck.isEmpty()) {
                if (Callers.parkedForGood(stuck)) {
                    fail(("A brew that asks for another key waits for ever: the brew of \"AaAa\" calls get(\"BBBB\"), whose "
                            + "brew calls get(\"AaBB\") (the three share a hash bucket), and the first get never returned: "
                            + "%s. A brew runs inside a get, so whatever that get holds while it brews is still held when "
                            + "the brew asks for another key. Look at what get holds while the brew runs.")
                            .formatted(describe(stuck)));
                }
                org.junit.jupiter.api.Assumptions.abort("inconclusive: the machine is too busy: get(\"AaAa\") whose brew "
                        + "asks for other keys had not returned after " + JOIN_CAP.toSeconds() + " s: " + describe(stuck));
            }
            if (get.error != null) {
                fail(("A brew that asks for another key failed: the brew of \"AaAa\" calls get(\"BBBB\"), whose brew calls "
                        + "get(\"AaBB\") (the three share a hash bucket), and get(\"AaAa\") threw %s. A brew runs inside a "
                        + "get: look at which call of the map or lock your get is in while the brew runs, and whether that "
                        + "call allows the brew to use the same map again (read its javadoc).").formatted(where(get.error)));
            }
            String expected = "AaAa with BBBB with " + Kitchen.value("AaBB", 1);
            if (!expected.equals(get.result) || kitchen.brews("AaAa") != 1 || kitchen.brews("BBBB") != 1
                    || kitchen.brews("AaBB") != 1 || cache.size() != 3) {
                fail("get(\"AaAa\") whose brew asks for \"BBBB\", whose brew asks for \"AaBB\", returned %s (expected %s), "
                        + "with %d, %d and %d brews and size() %d (expected one brew each and 3).", get.result, expected,
                        kitchen.brews("AaAa"), kitchen.brews("BBBB"), kitchen.brews("AaBB"), cache.size());
            }
        }
    }

    /** Watches a caller that must not wait; a caller seen burning CPU in the cache is watched on (it may be slow). */
    private static Callers.Seen watchPastSpinning(Callers scene, Callers.Caller caller, java.util.function.BooleanSupplier brewed) {
        Callers.Seen how;
        do {
            how = scene.watch(caller, brewed);
        } while (how == Callers.Seen.SPINNING);
        return how;
    }

    private static void requireDone(Callers scene, String what) {
        List<Callers.Caller> stuck = scene.awaitDone(JOIN_CAP);
        if (stuck.isEmpty()) {
            return;
        }
        if (Callers.parkedForGood(stuck)) {
            fail("%s never returned once every brew was released: %s. Look at how a waiting get is woken when the brew "
                    + "it waits for ends.", what, describe(stuck));
        }
        org.junit.jupiter.api.Assumptions.abort("inconclusive: the machine is too busy: " + what + " had not returned "
                + JOIN_CAP.toSeconds() + " s after the brews were released: " + describe(stuck));
    }

    private static void expectValue(Callers.Caller caller, String key, Kitchen kitchen) {
        if (caller.error != null) {
            fail("%s's get(\"%s\") threw %s although its brew succeeded.", caller, key, where(caller.error));
        }
        if (!Kitchen.value(key, 1).equals(caller.result) || kitchen.brews(key) != 1) {
            fail("%s's get(\"%s\") returned %s after %d brew(s), expected %s from one brew.", caller, key, caller.result,
                    kitchen.brews(key), Kitchen.value(key, 1));
        }
    }

    static boolean causedBy(Throwable thrown, Throwable cause) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t == cause) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }
}
