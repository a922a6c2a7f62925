package buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Public tests of OrderQueue: its single-threaded contract, and waiting threads that must wake up. */
@DisplayName("OrderQueue")
class OrderQueuePublicTest {

    private static final long PATIENCE_MS = 5_000;

    @Test
    @Tag("task:5")
    @DisplayName("Orders leave in the order they were put, and a closed queue drains, then gives null")
    void fifoAndClose() throws InterruptedException {
        OrderQueue<String> queue = new OrderQueue<>(2);
        queue.put("chai-1");
        queue.put("chai-2");
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.take()).isEqualTo("chai-1");
        queue.close();
        assertThatThrownBy(() -> queue.put("chai-3")).isInstanceOf(IllegalStateException.class);
        assertThat(queue.take()).isEqualTo("chai-2");
        assertThat(queue.take()).isNull();
        assertThatThrownBy(() -> new OrderQueue<String>(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.put(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @Tag("task:1")
    @DisplayName("A take() on an empty queue waits in state WAITING, and wakes when an order is put")
    void takeWaitsThenWakes() throws InterruptedException {
        OrderQueue<String> queue = new OrderQueue<>(1);
        AtomicReference<String> got = new AtomicReference<>();
        Thread kitchen = Thread.ofPlatform().daemon().start(() -> {
            try {
                got.set(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        awaitState(kitchen, Thread.State.WAITING, "take() on an empty queue");
        queue.put("chai-1");
        kitchen.join(PATIENCE_MS);
        assertThat(kitchen.isAlive()).as("the waiting taker is still waiting after put(\"chai-1\")").isFalse();
        assertThat(got.get()).isEqualTo("chai-1");
    }

    @Test
    @Tag("task:3")
    @DisplayName("close() wakes every consumer waiting on an empty queue")
    void closeWakesEveryone() throws InterruptedException {
        OrderQueue<String> queue = new OrderQueue<>(1);
        List<Thread> kitchens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread kitchen = Thread.ofPlatform().daemon().start(() -> {
                try {
                    queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            awaitState(kitchen, Thread.State.WAITING, "take() on an empty queue");
            kitchens.add(kitchen);
        }
        queue.close();
        int stuck = 0;
        for (Thread kitchen : kitchens) {
            kitchen.join(PATIENCE_MS);
            if (kitchen.isAlive()) {
                stuck++;
                kitchen.interrupt();
            }
        }
        assertThat(stuck).as("waiting takers that never woke after close()").isZero();
    }

    @Test
    @Tag("task:3")
    @DisplayName("close() wakes every producer waiting on a full queue, and each put throws IllegalStateException")
    void closeWakesEveryPutter() throws InterruptedException {
        OrderQueue<String> queue = new OrderQueue<>(1);
        queue.put("chai-1");
        List<Thread> counters = new ArrayList<>();
        List<AtomicReference<Throwable>> thrown = new ArrayList<>();
        for (int i = 2; i <= 3; i++) {
            String order = "chai-" + i;
            AtomicReference<Throwable> mine = new AtomicReference<>();
            Thread counter = Thread.ofPlatform().daemon().start(() -> {
                try {
                    queue.put(order);
                } catch (Throwable t) {
                    mine.set(t);
                }
            });
            awaitState(counter, Thread.State.WAITING, "put(\"" + order + "\") on a full queue");
            counters.add(counter);
            thrown.add(mine);
        }
        queue.close();
        int stuck = 0;
        for (Thread counter : counters) {
            counter.join(PATIENCE_MS);
            if (counter.isAlive()) {
                stuck++;
                counter.interrupt();
            }
        }
        assertThat(stuck).as("waiting producers that never woke after close()").isZero();
        for (AtomicReference<Throwable> t : thrown) {
            assertThat(t.get()).as("what a waiting put() threw after close()").isInstanceOf(IllegalStateException.class);
        }
        assertThat(queue.take()).isEqualTo("chai-1");
        assertThat(queue.take()).isNull();
    }

    @Test
    @Tag("task:4")
    @DisplayName("An interrupted take() throws InterruptedException")
    void interruptedTakeThrows() throws InterruptedException {
        OrderQueue<String> queue = new OrderQueue<>(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread kitchen = Thread.ofPlatform().daemon().start(() -> {
            try {
                queue.take();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        awaitState(kitchen, Thread.State.WAITING, "take() on an empty queue");
        kitchen.interrupt();
        kitchen.join(PATIENCE_MS);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    /** Waits until {@code thread} is in {@code state}; fails when it spins or polls instead. */
    private static void awaitState(Thread thread, Thread.State state, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MS;
        Thread.State seen = thread.getState();
        while (seen != state) {
            if (System.currentTimeMillis() > deadline) {
                fail("%s should wait in state %s (parked, no timeout), but the thread is %s: a RUNNABLE thread spins, "
                        + "a TIMED_WAITING one polls.", what, state, seen);
            }
            Thread.sleep(1);
            seen = thread.getState();
        }
    }
}
