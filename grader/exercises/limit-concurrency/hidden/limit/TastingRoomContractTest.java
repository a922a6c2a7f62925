package limit;

import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Hidden checks of TastingRoom's single-threaded contract, and the exercise's structural rule. */
@DisplayName("TastingRoom's contract")
class TastingRoomContractTest {

    @Test
    @Tag("task:5")
    @DisplayName("Values and exceptions come back unchanged, freeSeats() counts, and tryTaste works in a free room")
    void keepsTheContract() throws Exception {
        TastingRoom room = new TastingRoom(3);
        assertThat(room.freeSeats()).as("freeSeats() of a new room of 3 seats").isEqualTo(3);
        assertThat(room.taste(() -> 42)).as("taste(() -> 42)").isEqualTo(42);
        assertThat(room.taste(room::freeSeats)).as("freeSeats() seen from inside a tasting in a room of 3").isEqualTo(2);
        assertThat(room.taste(() -> room.tryTaste(room::freeSeats, Duration.ofSeconds(5))))
                .as("freeSeats() seen from a tryTaste inside a tasting in a room of 3").isEqualTo(Optional.of(1));
        assertThat(room.tryTaste(() -> "masala", Duration.ZERO)).as("tryTaste with no patience in an empty room")
                .isEqualTo(Optional.of("masala"));
        IOException burnt = new IOException("burnt tongue");
        assertThatThrownBy(() -> room.taste(() -> {
            throw burnt;
        })).as("what taste() throws when the tasting throws IOException").isSameAs(burnt);
        Error dropped = new AssertionError("dropped the cup");
        assertThatThrownBy(() -> room.tryTaste(() -> {
            throw dropped;
        }, Duration.ofSeconds(1))).as("what tryTaste() throws when the tasting throws an Error").isSameAs(dropped);
        assertThat(room.freeSeats()).as("freeSeats() once every tasting has ended").isEqualTo(3);
        TastingRoom one = new TastingRoom(1);
        Optional<?>[] inner = new Optional<?>[1];
        Thread guest = Thread.ofPlatform().daemon().name("guest-1").start(() -> {
            try {
                inner[0] = one.taste(() -> one.tryTaste(() -> "second cup", Duration.ZERO));
            } catch (Exception e) {
                inner[0] = null;
            }
        });
        guest.join(3_000);
        if (guest.isAlive()) {
            StackTraceElement[] stack = guest.getStackTrace();
            guest.interrupt();
            fail("guest-1 has the only seat and, from inside its tasting, calls tryTaste(..., Duration.ZERO): with no "
                    + "patience it must give up at once, but it still waits after 3 s (%s at %s).", guest.getState(),
                    Guests.excerpt(stack));
        }
        assertThat(inner[0]).as("tryTaste with no patience from inside the only seat's tasting").isEqualTo(Optional.empty());
        assertThat(one.freeSeats()).as("freeSeats() of a room of 1 after that").isEqualTo(1);
    }

    @Test
    @Tag("task:5")
    @DisplayName("A room with fewer than 1 seat is refused")
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new TastingRoom(0)).as("new TastingRoom(0)").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TastingRoom(-2)).as("new TastingRoom(-2)").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("task:5")
    @DisplayName("The tasting runs on the guest's own thread, and the room keeps no threads of its own")
    void tastesOnTheGuestsThread() throws Exception {
        Set<String> problems = new LinkedHashSet<>();
        TastingRoom room = new TastingRoom(2);
        Thread me = Thread.currentThread();
        Callable<Thread> where = Thread::currentThread;
        Thread tasted = room.taste(where);
        if (tasted != me) {
            problems.add("taste() ran the tasting on thread " + tasted.getName() + ", not on the guest's own thread "
                    + me.getName());
        }
        Thread tried = room.tryTaste(where, Duration.ofSeconds(5)).orElse(me);
        if (tried != me) {
            problems.add("tryTaste() ran the tasting on thread " + tried.getName() + ", not on the guest's own thread "
                    + me.getName());
        }
        for (Class<?> c = TastingRoom.class; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (threads(f.getType())) {
                    problems.add("field " + f.getName() + " of type " + f.getType().getName());
                }
            }
        }
        for (Class<?> nested : TastingRoom.class.getDeclaredClasses()) {
            for (Field f : nested.getDeclaredFields()) {
                if (threads(f.getType())) {
                    problems.add("field " + nested.getSimpleName() + "." + f.getName() + " of type " + f.getType().getName());
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("The room hands tastings to threads of its own: %s. A guest tastes at its seat: run the tasting "
                    + "on the thread that called taste() or tryTaste(), and limit how many such threads are inside at "
                    + "once (a pool of workers would go on tasting for a guest who was interrupted and left).",
                    String.join("; ", problems));
        }
    }

    private static boolean threads(Class<?> type) {
        Class<?> t = type;
        while (t.isArray()) {
            t = t.getComponentType();
        }
        return Executor.class.isAssignableFrom(t) || Thread.class.isAssignableFrom(t) || ThreadFactory.class.isAssignableFrom(t);
    }
}
