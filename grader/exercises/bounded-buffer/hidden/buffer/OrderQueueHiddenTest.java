package buffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import static buffer.Parties.describe;
import static buffer.Parties.names;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hidden checks of OrderQueue under several threads. Each scene forces its order: a thread is started only once the
 * previous one is seen parked in the queue, and the scenes that need two things to happen at once hold the queue's own
 * lock (found from a parked thread) while they call put and take, so nothing depends on the machine's scheduler. A
 * scene that stops moving is reported with every thread still waiting and where it is parked.
 */
@Isolated
@DisplayName("OrderQueue shared by producers and consumers")
class OrderQueueHiddenTest {

    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration FLOW_CAP = Duration.ofSeconds(20);

    @Test
    @Tag("task:1")
    @DisplayName("take() on an empty queue waits parked, without spinning or polling")
    void takeWaitsParked() {
        OrderQueue<String> queue = new OrderQueue<>(2);
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(queue));
            Parties.Party kitchen = scene.start("kitchen-1", queue::take);
            if (scene.awaitParked(kitchen, "take()", "the queue is empty") == Parties.Wait.RETURNED) {
                fail("take() on an empty, open queue returned %s instead of waiting for an order%s. Look at what take "
                        + "does while the queue is empty.", kitchen.result, thrown(kitchen));
            }
        }
    }

    @Test
    @Tag("task:1")
    @DisplayName("put() on a full queue waits parked, without spinning or polling")
    void putWaitsParked() throws InterruptedException {
        OrderQueue<String> queue = new OrderQueue<>(1);
        queue.put("order-1");
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(queue));
            Parties.Party counter = scene.start("counter-2", () -> put(queue, "order-2"));
            if (scene.awaitParked(counter, "put(\"order-2\")", "the queue is full (1 of 1)") == Parties.Wait.RETURNED) {
                fail("put(\"order-2\") on a full queue of capacity 1 returned instead of waiting%s; size() is now %d. "
                        + "Look at what put does while the queue is full.", thrown(counter), queue.size());
            }
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("A take() that waits on an empty queue wakes up and gets the order when one is put")
    void waitingTakerWakes() {
        OrderQueue<String> queue = new OrderQueue<>(1);
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(queue));
            Parties.Party kitchen = scene.start("kitchen-1", queue::take);
            requireParked(scene, kitchen, "take()", "the queue is empty");
            scene.start("counter-1", () -> put(queue, "chai-1"));
            List<Parties.Party> stuck = scene.awaitSettled(SETTLE);
            if (!stuck.isEmpty()) {
                fail("The waiting taker never woke: kitchen-1 waited in take() on an empty queue, counter-1 then put "
                        + "\"chai-1\", and the queue holds %d order(s) while %s. Look at whom put wakes: does it signal "
                        + "the condition (or monitor) that take waits on?", queue.size(), describe(stuck));
            }
            expectResult(kitchen, "chai-1", "take() that waited for counter-1's put(\"chai-1\")");
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("A put() that waits on a full queue wakes up and adds its order when one is taken")
    void waitingPutterWakes() throws InterruptedException {
        OrderQueue<String> queue = new OrderQueue<>(1);
        queue.put("chai-1");
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(queue));
            Parties.Party counter = scene.start("counter-2", () -> put(queue, "chai-2"));
            requireParked(scene, counter, "put(\"chai-2\")", "the queue is full (1 of 1)");
            Parties.Party kitchen = scene.start("kitchen-1", queue::take);
            List<Parties.Party> stuck = scene.awaitSettled(SETTLE);
            if (!stuck.isEmpty()) {
                fail("The waiting producer never woke: counter-2 waited in put(\"chai-2\") on a full queue of capacity "
                        + "1, kitchen-1 then took an order, and the queue holds %d of 1 while %s. Look at whom take "
                        + "wakes: does it signal the condition (or monitor) that put waits on?", queue.size(),
                        describe(stuck));
            }
            expectResult(kitchen, "chai-1", "take() from a queue holding \"chai-1\"");
            expectNoError(counter, "put(\"chai-2\") that waited for room");
            if (queue.size() != 1) {
                fail("After counter-2's waiting put(\"chai-2\") returned, size() is %d, expected 1.", queue.size());
            }
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("No wake-up is lost when producers and consumers wait on the same queue")
    void noWakeUpIsLost() throws Exception {
        takersRound();
        puttersRound();
    }

    /**
     * Two consumers wait on an empty queue of capacity 1; a producer holding the queue's lock puts two orders, so that
     * the second put waits on the full queue beside the consumer its first put did not wake. The one take that follows
     * frees room; a single notify()/signal() wakes the longest waiter, the other consumer, and everyone waits for good.
     */
    private void takersRound() throws Exception {
        OrderQueue<String> queue = new OrderQueue<>(1);
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(queue));
            Parties.Party k1 = scene.start("kitchen-1", queue::take);
            requireParked(scene, k1, "take()", "the queue is empty");
            Parties.Party k2 = scene.start("kitchen-2", queue::take);
            requireParked(scene, k2, "take()", "the queue is empty");
            Guard guard = requireGuard(queue, k1);
            if (guard == null) {
                return;
            }
            Parties.Party counter = scene.start("counter-1", () -> guard.hold(() -> {
                queue.put("chai-1");
                queue.put("chai-2");
                return null;
            }));
            List<Parties.Party> stuck = scene.awaitSettled(SETTLE);
            if (!stuck.isEmpty()) {
                fail("A wake-up was lost: kitchen-1 and kitchen-2 waited in take() on an empty queue of capacity 1, "
                        + "counter-1 put \"chai-1\" and then \"chai-2\", which had to wait for room; after kitchen-1 took "
                        + "\"chai-1\", %d of 3 threads never woke although the queue holds %d of 1 orders: %s. One "
                        + "notify() or signal() wakes a single waiting thread, and here it woke a consumer (nothing to "
                        + "take) instead of the producer that was waiting for room. Look at how put and take wake the "
                        + "others: with one monitor every waiter must be woken (notifyAll), or producers and consumers "
                        + "need conditions of their own.", stuck.size(), queue.size(), describe(stuck));
            }
            List<Object> got = new ArrayList<>();
            for (Parties.Party k : List.of(k1, k2)) {
                expectNoError(k, "take() of " + k);
                got.add(k.result);
            }
            expectNoError(counter, "counter-1's put(\"chai-1\") and put(\"chai-2\")");
            if (!(got.contains("chai-1") && got.contains("chai-2"))) {
                fail("The two waiting consumers got %s from take(), expected \"chai-1\" and \"chai-2\" (one each); a "
                        + "woken consumer must check again that there is an order before it takes (a while loop, "
                        + "not an if).", got);
            }
        }
    }

    /** The mirror image: two producers wait on a full queue; a consumer holding the lock takes twice. */
    private void puttersRound() throws Exception {
        OrderQueue<String> queue = new OrderQueue<>(1);
        queue.put("chai-1");
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(queue));
            Parties.Party c2 = scene.start("counter-2", () -> put(queue, "chai-2"));
            requireParked(scene, c2, "put(\"chai-2\")", "the queue is full (1 of 1)");
            Parties.Party c3 = scene.start("counter-3", () -> put(queue, "chai-3"));
            requireParked(scene, c3, "put(\"chai-3\")", "the queue is full (1 of 1)");
            Guard guard = requireGuard(queue, c2);
            if (guard == null) {
                return;
            }
            Parties.Party kitchen = scene.start("kitchen-1", () -> guard.hold(() -> List.of(queue.take(), queue.take())));
            List<Parties.Party> stuck = scene.awaitSettled(SETTLE);
            if (!stuck.isEmpty()) {
                fail("A wake-up was lost: counter-2 and counter-3 waited in put() on a full queue of capacity 1, "
                        + "kitchen-1 took \"chai-1\" and took again, which had to wait for an order; after counter-2 put "
                        + "\"chai-2\", %d of 3 threads never woke although the queue holds %d of 1 orders: %s. One "
                        + "notify() or signal() wakes a single waiting thread, and here it woke a producer (no room) "
                        + "instead of the consumer that was waiting for an order. Look at how put and take wake the "
                        + "others: with one monitor every waiter must be woken (notifyAll), or producers and consumers "
                        + "need conditions of their own.", stuck.size(), queue.size(), describe(stuck));
            }
            expectNoError(kitchen, "kitchen-1's two take() calls");
            expectNoError(c2, "counter-2's put(\"chai-2\")");
            expectNoError(c3, "counter-3's put(\"chai-3\")");
            if (queue.size() != 1) {
                fail("After counter-2 and counter-3 put one order each into a queue of capacity 1 and kitchen-1 took two, "
                        + "size() is %d, expected 1: a woken producer must check again that there is room before it "
                        + "puts (a while loop, not an if).", queue.size());
            }
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("Every order is taken exactly once, and each producer's orders leave in the order it put them")
    void everyOrderIsTakenOnce() {
        int producers = 3;
        int consumers = 3;
        int each = 1_000;
        OrderQueue<String> queue = new OrderQueue<>(2);
        AtomicInteger working = new AtomicInteger(producers);
        List<List<String>> taken = new ArrayList<>();
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(queue));
            for (int p = 0; p < producers; p++) {
                int id = p + 1;
                scene.start("counter-" + id, () -> {
                    try {
                        for (int n = 0; n < each; n++) {
                            queue.put("counter-" + id + "#" + n);
                        }
                    } finally {
                        if (working.decrementAndGet() == 0) {
                            queue.close();
                        }
                    }
                    return null;
                });
            }
            for (int c = 0; c < consumers; c++) {
                List<String> mine = new ArrayList<>();
                taken.add(mine);
                scene.start("kitchen-" + (c + 1), () -> {
                    for (String order = queue.take(); order != null; order = queue.take()) {
                        mine.add(order);
                    }
                    return null;
                });
            }
            List<Parties.Party> stuck = scene.awaitSettled(FLOW_CAP);
            if (!stuck.isEmpty()) {
                fail("%d of %d threads never finished: %d producers put %d orders each into a queue of capacity 2 while "
                        + "%d consumers took them, and the run came to rest with the queue holding %d orders, %s "
                        + "waiting for good: %s. A wake-up was lost: look at whom put and take wake.", stuck.size(),
                        producers + consumers, producers, each, consumers, queue.size(), names(stuck), describe(stuck));
            }
            for (Parties.Party party : scene.all()) {
                expectNoError(party, party.name + "'s calls");
            }
            Map<String, Integer> seen = new HashMap<>();
            List<String> problems = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                Map<String, Integer> last = new HashMap<>();
                for (String order : taken.get(c)) {
                    if (seen.merge(order, 1, Integer::sum) == 2) {
                        problems.add(order + " was taken twice");
                    }
                    String from = order.substring(0, order.indexOf('#'));
                    int n = Integer.parseInt(order.substring(order.indexOf('#') + 1));
                    Integer before = last.put(from, n);
                    if (before != null && before > n && problems.size() < 5) {
                        problems.add("kitchen-" + (c + 1) + " got " + order + " after " + from + "#" + before);
                    }
                }
            }
            int missing = producers * each - seen.size();
            if (missing > 0) {
                problems.add(missing + " orders were never taken");
            }
            if (!problems.isEmpty()) {
                fail("Orders went wrong: %d producers put %d orders each into a queue of capacity 2 while %d consumers "
                        + "took them until take() returned null after close(): %s. Look at what a woken thread does "
                        + "before it takes or puts: is the queue still as it was when it started waiting?", producers,
                        each, consumers, String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
            }
        }
    }

    @Test
    @Tag("task:3")
    @DisplayName("close() wakes every consumer waiting on an empty queue, and each then gets null")
    void closeWakesEveryTaker() {
        OrderQueue<String> queue = new OrderQueue<>(1);
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(queue));
            List<Parties.Party> kitchens = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                Parties.Party kitchen = scene.start("kitchen-" + k, queue::take);
                requireParked(scene, kitchen, "take()", "the queue is empty");
                kitchens.add(kitchen);
            }
            queue.close();
            List<Parties.Party> stuck = scene.awaitSettled(SETTLE);
            if (!stuck.isEmpty()) {
                fail("%d of 3 waiting consumers never woke after close(): they waited in take() on an empty queue, and "
                        + "after close() %s. close() must wake every waiting thread (notifyAll or signalAll), not "
                        + "one.", stuck.size(), describe(stuck));
            }
            for (Parties.Party kitchen : kitchens) {
                expectResult(kitchen, null, "take() that waited on an empty queue when it was closed");
            }
        }
    }

    @Test
    @Tag("task:3")
    @DisplayName("close() wakes every producer waiting on a full queue, each put fails, and the orders already queued can still be taken")
    void closeWakesEveryPutter() throws InterruptedException {
        OrderQueue<String> queue = new OrderQueue<>(1);
        queue.put("chai-1");
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(queue));
            List<Parties.Party> counters = new ArrayList<>();
            for (int c = 2; c <= 4; c++) {
                String order = "chai-" + c;
                Parties.Party counter = scene.start("counter-" + c, () -> put(queue, order));
                requireParked(scene, counter, "put(\"" + order + "\")", "the queue is full (1 of 1)");
                counters.add(counter);
            }
            queue.close();
            List<Parties.Party> stuck = scene.awaitSettled(SETTLE);
            if (!stuck.isEmpty()) {
                fail("%d of 3 waiting producers were still waiting after close(): they waited in put() on a full queue, "
                        + "and after close() %s. close() must wake every waiting thread (notifyAll, or signalAll on every "
                        + "condition), not one, and a put that wakes must notice the queue was closed rather than wait "
                        + "again: look at what close() wakes and at the condition put() waits on.", stuck.size(),
                        describe(stuck));
            }
            for (Parties.Party counter : counters) {
                if (!(counter.error instanceof IllegalStateException)) {
                    fail("%s waited in put() on a full queue, the queue was closed, and put %s; it must throw "
                            + "IllegalStateException (the queue was closed while it waited) and add nothing.", counter,
                            counter.error == null ? "returned normally" : "threw " + counter.error);
                }
            }
            List<String> left = new ArrayList<>();
            for (String o = queue.take(); o != null && left.size() < 5; o = queue.take()) {
                left.add(o);
            }
            if (!left.contains("chai-1")) {
                fail("After close(), take() gave %s and then null, although \"chai-1\", put before close(), was still "
                        + "queued (size() still says %d): a closed queue still hands out the orders it holds, and take() "
                        + "gives null only once it is empty. Look at what take() checks first after close().", left,
                        queue.size());
            }
            if (!left.equals(List.of("chai-1"))) {
                fail("After close(), take() gave %s and then null, expected only \"chai-1\", the order queued before "
                        + "close(): the waiting puts must not add their orders.", left);
            }
        }
    }

    @Test
    @Tag("task:4")
    @DisplayName("An interrupted take() throws InterruptedException promptly and neither loses nor removes an order")
    void interruptedTake() throws Exception {
        OrderQueue<String> queue = new OrderQueue<>(1);
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(queue));
            Parties.Party kitchen = scene.start("kitchen-1", queue::take);
            requireParked(scene, kitchen, "take()", "the queue is empty");
            kitchen.thread.interrupt();
            List<Parties.Party> stuck = scene.awaitSettled(SETTLE);
            if (!stuck.isEmpty()) {
                fail("kitchen-1 was interrupted while it waited in take() on an empty queue and went on waiting: %s. "
                        + "An interrupted take must end with InterruptedException; do not catch it around the wait.",
                        describe(stuck));
            }
            if (!(kitchen.error instanceof InterruptedException)) {
                fail("kitchen-1 was interrupted while it waited in take() on an empty queue, and take %s; it must "
                        + "throw InterruptedException.", kitchen.error == null ? "returned " + quoted(kitchen.result)
                        : "threw " + kitchen.error);
            }
            queue.put("chai-1");
            if (queue.size() != 1 || !"chai-1".equals(queue.take())) {
                fail("After an interrupted take() on an empty queue, put(\"chai-1\") then take() did not give "
                        + "\"chai-1\": the interrupted take must not have removed anything or left the queue broken.");
            }
        }
        OrderQueue<String> second = new OrderQueue<>(1);
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(second));
            Parties.Party kitchen = scene.start("kitchen-2", second::take);
            requireParked(scene, kitchen, "take()", "the queue is empty");
            Guard guard = requireGuard(second, kitchen);
            if (guard == null) {
                return;
            }
            guard.hold(() -> {
                second.put("chai-2");
                kitchen.thread.interrupt();
                return null;
            });
            List<Parties.Party> stuck = scene.awaitSettled(SETTLE);
            if (!stuck.isEmpty()) {
                fail("kitchen-2 waited in take(), was woken by a put(\"chai-2\") and interrupted at the same moment, and "
                        + "then never finished: %s.", describe(stuck));
            }
            int size = second.size();
            boolean tookIt = kitchen.error == null && "chai-2".equals(kitchen.result) && size == 0;
            boolean leftIt = kitchen.error instanceof InterruptedException && size == 1;
            if (!tookIt && !leftIt) {
                fail("An interrupt lost an order: kitchen-2 waited in take(), then put(\"chai-2\") woke it and it was "
                        + "interrupted at the same moment; take %s and the queue then held %d order(s). Either take "
                        + "returns \"chai-2\" (the queue is then empty) or it throws InterruptedException and leaves "
                        + "\"chai-2\" in the queue; look at what take does after its wait, before it throws.",
                        kitchen.error == null ? "returned " + quoted(kitchen.result) : "threw " + kitchen.error, size);
            }
        }
    }

    @Test
    @Tag("task:4")
    @DisplayName("An interrupted put() throws InterruptedException promptly and neither adds nor duplicates its order")
    void interruptedPut() throws Exception {
        OrderQueue<String> queue = new OrderQueue<>(1);
        queue.put("chai-1");
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(queue));
            Parties.Party counter = scene.start("counter-2", () -> put(queue, "chai-2"));
            requireParked(scene, counter, "put(\"chai-2\")", "the queue is full (1 of 1)");
            counter.thread.interrupt();
            List<Parties.Party> stuck = scene.awaitSettled(SETTLE);
            if (!stuck.isEmpty()) {
                fail("counter-2 was interrupted while it waited in put(\"chai-2\") on a full queue and went on waiting: "
                        + "%s. An interrupted put must end with InterruptedException; do not catch it around the wait.",
                        describe(stuck));
            }
            if (!(counter.error instanceof InterruptedException)) {
                fail("counter-2 was interrupted while it waited in put(\"chai-2\") on a full queue, and put %s; it must "
                        + "throw InterruptedException, so that the caller knows the order was not queued.",
                        counter.error == null ? "returned normally" : "threw " + counter.error);
            }
            if (queue.size() != 1 || !"chai-1".equals(queue.take()) || queue.size() != 0) {
                fail("After counter-2's put(\"chai-2\") was interrupted on a full queue, the queue must hold only "
                        + "\"chai-1\"; an interrupted put adds nothing.");
            }
        }
        OrderQueue<String> second = new OrderQueue<>(1);
        second.put("chai-1");
        try (Parties scene = new Parties()) {
            scene.onClose(() -> drain(second));
            Parties.Party counter = scene.start("counter-3", () -> put(second, "chai-3"));
            requireParked(scene, counter, "put(\"chai-3\")", "the queue is full (1 of 1)");
            Guard guard = requireGuard(second, counter);
            if (guard == null) {
                return;
            }
            Object first = guard.hold(() -> {
                Object taken = second.take();
                counter.thread.interrupt();
                return taken;
            });
            List<Parties.Party> stuck = scene.awaitSettled(SETTLE);
            if (!stuck.isEmpty()) {
                fail("counter-3 waited in put(\"chai-3\"), was woken by a take() and interrupted at the same moment, and "
                        + "then never finished: %s.", describe(stuck));
            }
            int size = second.size();
            boolean added = counter.error == null && size == 1;
            boolean refused = counter.error instanceof InterruptedException && size == 0;
            if (!"chai-1".equals(first) || (!added && !refused)) {
                String what = counter.error instanceof InterruptedException
                        ? "put threw InterruptedException, yet \"chai-3\" was queued (size() is " + size + "): a caller "
                                + "that sees the exception puts the order again, and it is made twice"
                        : counter.error == null ? "put returned normally, yet the queue holds " + size + " orders"
                                : "put threw " + counter.error;
                fail("An interrupt duplicated or lost an order: counter-3 waited in put(\"chai-3\") on a full queue, a "
                        + "take() made room and counter-3 was interrupted at the same moment; %s. Either put returns "
                        + "normally with \"chai-3\" queued, or it throws InterruptedException and queues nothing; look at "
                        + "what put does after its wait, before it throws.", what);
            }
        }
    }

    /**
     * Fails when {@code party} returns from {@code call} although it must wait, and aborts when the machine starved it;
     * a thread that polls or spins there is let through: take-waits-parked and put-waits-parked judge how it waits.
     */
    private static void requireParked(Parties scene, Parties.Party party, String call, String why) {
        if (scene.awaitWaiting(party, call, why) == Parties.Wait.RETURNED) {
            fail("%s must wait in %s because %s, but it returned%s. Look at the loop that waits in that method.", party,
                    call, why, party.error == null ? " " + quoted(party.result) : " by throwing " + party.error);
        }
    }

    /**
     * The lock {@code parked} waits on, for the scene to hold; null when the thread waits on no lock at all (it sleeps
     * or spins, which the parked checks judge): nobody has to wake such a thread, so a scene about wake-ups is moot.
     */
    private static Guard requireGuard(OrderQueue<?> queue, Parties.Party parked) {
        var info = parked.info();
        if (info == null || info.getLockInfo() == null) {
            return null;
        }
        Guard guard = Guard.of(queue, parked);
        if (guard == null) {
            Assumptions.abort("inconclusive: " + parked + " waits in OrderQueue on " + info.getLockName()
                    + ", which is neither the queue, nor one of its fields, nor a Condition of one of its ReentrantLocks,"
                    + " so this scene cannot hold the queue's lock to put its steps in order");
        }
        return guard;
    }

    private static Object put(OrderQueue<String> queue, String order) throws InterruptedException {
        queue.put(order);
        return null;
    }

    private static void expectResult(Parties.Party party, Object expected, String what) {
        expectNoError(party, what);
        if (expected == null ? party.result != null : !expected.equals(party.result)) {
            fail("%s returned %s, expected %s.", what, quoted(party.result), quoted(expected));
        }
    }

    private static void expectNoError(Parties.Party party, String what) {
        if (party.error != null) {
            fail("%s threw %s%s.", what, party.error, party.error.getStackTrace().length == 0 ? ""
                    : " at " + Parties.excerpt(party.error.getStackTrace()));
        }
    }

    private static String thrown(Parties.Party party) {
        return party.error == null ? "" : " (it threw " + party.error + ")";
    }

    private static String quoted(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** Closes the queue and takes what is left, so that no thread of a finished scene keeps spinning on it. */
    static void drain(OrderQueue<?> queue) {
        queue.close();
        try {
            for (int i = 0; i < 10_000 && queue.take() != null; i++) {
                // discard
            }
        } catch (InterruptedException | RuntimeException e) {
            // a broken queue: the check already reported it
        }
    }
}
