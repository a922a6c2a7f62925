package limit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Public tests of TastingRoom: its single-threaded contract, the seat limit, and tryTaste's patience. */
@DisplayName("TastingRoom")
class TastingRoomPublicTest {

    private static final long PATIENCE_MS = 5_000;

    @Test
    @Tag("task:5")
    @DisplayName("A tasting's value and exception come back to the guest, and freeSeats() counts the seats")
    void contract() throws Exception {
        TastingRoom room = new TastingRoom(2);
        assertThat(room.freeSeats()).isEqualTo(2);
        assertThat(room.taste(() -> "assam")).isEqualTo("assam");
        assertThat(room.taste(room::freeSeats)).as("freeSeats() seen from inside a tasting in a room of 2").isEqualTo(1);
        IOException burnt = new IOException("burnt tongue");
        assertThatThrownBy(() -> room.taste(() -> {
            throw burnt;
        })).isSameAs(burnt);
        assertThat(room.tryTaste(() -> "darjeeling", Duration.ofSeconds(1))).contains("darjeeling");
        assertThat(room.freeSeats()).isEqualTo(2);
        assertThatThrownBy(() -> new TastingRoom(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("task:1")
    @DisplayName("No more than 2 tastings run at once in a room of 2 seats")
    void noMoreThanSeats() throws Exception {
        TastingRoom room = new TastingRoom(2);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Thread> guests = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            guests.add(Thread.ofPlatform().daemon().name("guest-" + i).start(() -> {
                try {
                    room.taste(() -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        finish.await(PATIENCE_MS, TimeUnit.MILLISECONDS);
                        return inside.decrementAndGet();
                    });
                } catch (Exception e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        long deadline = System.currentTimeMillis() + PATIENCE_MS;
        while (inside.get() < 3 && !(inside.get() == 2 && allWaiting(guests)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        finish.countDown();
        for (Thread guest : guests) {
            guest.join(PATIENCE_MS);
        }
        assertThat(most.get()).as("tastings that ran at once in a room of 2 seats").isLessThanOrEqualTo(2);
    }

    @Test
    @Tag("task:1")
    @DisplayName("2 tastings do run together in a room of 2 seats")
    void seatsTasteTogether() throws Exception {
        TastingRoom room = new TastingRoom(2);
        CountDownLatch bothIn = new CountDownLatch(2);
        AtomicReference<Boolean> metTheOther = new AtomicReference<>(true);
        List<Thread> guests = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            guests.add(Thread.ofPlatform().daemon().name("guest-" + i).start(() -> {
                try {
                    room.taste(() -> {
                        bothIn.countDown();
                        if (!bothIn.await(PATIENCE_MS, TimeUnit.MILLISECONDS)) {
                            metTheOther.set(false);
                        }
                        return null;
                    });
                } catch (Exception e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread guest : guests) {
            guest.join(2 * PATIENCE_MS);
        }
        assertThat(metTheOther.get()).as("both guests were inside at the same moment").isTrue();
    }

    @Test
    @Tag("task:2")
    @DisplayName("A seat is freed when its tasting throws")
    void seatFreedOnThrow() throws Exception {
        TastingRoom room = new TastingRoom(1);
        assertThatThrownBy(() -> room.taste(() -> {
            throw new IllegalStateException("spilled");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(room.freeSeats()).as("free seats in a room of 1 after a tasting threw").isEqualTo(1);
        assertThat(room.tryTaste(() -> "oolong", Duration.ofSeconds(1))).as("the next guest, with 1 s of patience")
                .contains("oolong");
    }

    @Test
    @Tag("task:4")
    @DisplayName("tryTaste gives up after its patience when the only seat is taken, and does not taste")
    void tryTasteGivesUp() throws Exception {
        TastingRoom room = new TastingRoom(1);
        CountDownLatch seated = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().daemon().name("guest-1").start(() -> {
            try {
                room.taste(() -> {
                    seated.countDown();
                    return leave.await(PATIENCE_MS, TimeUnit.MILLISECONDS);
                });
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(seated.await(PATIENCE_MS, TimeUnit.MILLISECONDS)).as("guest-1 sat down").isTrue();
        AtomicInteger tasted = new AtomicInteger();
        long start = System.nanoTime();
        Optional<String> got = room.tryTaste(() -> {
            tasted.incrementAndGet();
            return "pu-erh";
        }, Duration.ofMillis(200));
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        leave.countDown();
        holder.join(PATIENCE_MS);
        if (tasted.get() > 0) {
            fail("tryTaste ran the tasting although guest-1 had the only seat: 2 tastings at once in a room of 1.");
        }
        assertThat(got).as("tryTaste(200 ms) while the only seat is taken").isEmpty();
        assertThat(waitedMs).as("milliseconds tryTaste(200 ms) waited before it gave up").isGreaterThanOrEqualTo(200);
        assertThat(room.freeSeats()).as("free seats once everyone has left").isEqualTo(1);
    }

    /** Every guest waits: two inside on the tasting's latch, the third (if the room keeps its seats) at the door. */
    private static boolean allWaiting(List<Thread> guests) {
        return guests.stream().map(Thread::getState).allMatch(s -> s == Thread.State.WAITING
                || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED);
    }
}
