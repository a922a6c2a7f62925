package limit;

import java.io.IOException;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import static limit.Guests.describe;
import static limit.Guests.quoted;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hidden checks of TastingRoom under many guests. Every tasting in a scene lasts until the scene lets it finish, a
 * guest is started only once the one before it is seen waiting in the room, and seats are freed one at a time, each
 * followed by a look at who got in; so what a check sees does not depend on the machine's scheduler or load.
 */
@Isolated
@DisplayName("TastingRoom shared by many guests")
class TastingRoomHiddenTest {

    /** tryTaste's patience where it must give up; the lower bound allows 2 ms for waits counted in whole milliseconds. */
    static final Duration PATIENCE = Duration.ofMillis(300);
    static final Duration ROUNDING = Duration.ofMillis(2);
    /** After patience plus this, a tryTaste seen parked without a timeout waits for a seat, not for its patience. */
    static final Duration UNTIMED_AFTER = Duration.ofSeconds(2);
    /** After patience plus this, a tryTaste that still waits again and again waits longer than its patience. */
    static final Duration OVERDUE_AFTER = Duration.ofSeconds(5);
    /** Patience long enough never to run out in a scene. */
    static final Duration LONG_PATIENCE = Duration.ofSeconds(30);

    @Test
    @Tag("task:1")
    @DisplayName("No more tastings run at once than the room has seats, and every guest gets in")
    void neverMoreThanSeats() {
        int seats = 3;
        TastingRoom room = new TastingRoom(seats);
        try (Guests scene = new Guests()) {
            List<Guests.Guest> guests = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                String label = "guest-" + i;
                Callable<String> tasting = scene.held(label);
                labels.add(label);
                guests.add(scene.start(label, () -> room.taste(tasting)));
            }
            while (true) {
                Guests.Rest rest = scene.awaitRest(guests, labels, () -> scene.most() > seats);
                if (scene.most() > seats) {
                    fail("%d tastings ran at once in a room of %d seats: %s were tasting at the same moment (every "
                            + "tasting here lasts until the grader ends it, so a guest who got in stayed in). taste() let a "
                            + "guest in without a free seat; look at what taste does before it calls the tasting.",
                            scene.most(), seats, String.join(", ", scene.insideNow()));
                }
                if (rest.waiting().isEmpty() && rest.inside().isEmpty()) {
                    break;
                }
                if (rest.inside().size() < seats && !rest.waiting().isEmpty()) {
                    fail("Guests wait although seats are free: %d of %d seats are taken (%s), and %s. A guest waiting "
                            + "for a seat must get one as soon as one is free.", rest.inside().size(), seats,
                            rest.inside().isEmpty() ? "nobody is tasting" : String.join(", ", rest.inside()), rest.picture());
                }
                String first = scene.entries().stream().filter(rest.inside()::contains).findFirst().orElseThrow();
                scene.open(first);
                scene.awaitReturn(guests.get(labels.indexOf(first)), first + " finished its tasting and left");
            }
            for (int i = 0; i < guests.size(); i++) {
                expectResult(guests.get(i), labels.get(i), "taste() of " + labels.get(i));
            }
        }
    }

    @Test
    @Tag("task:1")
    @DisplayName("As many tastings as the room has seats run together")
    void seatsTasteTogether() {
        int seats = 3;
        TastingRoom room = new TastingRoom(seats);
        try (Guests scene = new Guests()) {
            CountDownLatch allIn = new CountDownLatch(seats);
            List<Guests.Guest> guests = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= seats; i++) {
                String label = "guest-" + i;
                Callable<String> tasting = scene.together(label, allIn);
                labels.add(label);
                guests.add(scene.start(label, () -> room.taste(tasting)));
            }
            Guests.Rest rest = scene.awaitRest(guests, labels, () -> false);
            if (!rest.waiting().isEmpty()) {
                fail("Only %d of %d tastings could run at once in a room of %d seats: each tasting here waits until "
                        + "all %d guests have sat down, and %s sat down, while %s. The room must let as many guests in "
                        + "as it has seats; look at what a guest holds while it tastes.", rest.inside().size(), seats,
                        seats, seats, rest.inside().isEmpty() ? "nobody" : String.join(", ", rest.inside()), rest.picture());
            }
            for (int i = 0; i < guests.size(); i++) {
                expectResult(guests.get(i), labels.get(i), "taste() of " + labels.get(i));
            }
        }
    }

    @Test
    @Tag("task:1")
    @DisplayName("A guest waiting for a seat is parked, not spinning or polling")
    void waitingGuestIsParked() {
        TastingRoom room = new TastingRoom(1);
        try (Guests scene = new Guests()) {
            Guests.Guest first = seatGuest(scene, room, "guest-1");
            Callable<String> second = scene.held("guest-2");
            Guests.Guest waiter = scene.start("guest-2", () -> room.taste(second));
            Guests.Seen seen = scene.awaitWaiting(waiter, "guest-2", false, "taste() while guest-1 has the only seat");
            switch (seen) {
                case PARKED, BLOCKED -> {
                    // waits without a timeout and without CPU
                }
                case POLLING -> fail("guest-2 polls instead of waiting: guest-1 has the only seat, and in %d looks over "
                        + "%d ms guest-2 was always TIMED_WAITING (a sleep or a wait with a timeout) and never parked, so "
                        + "it wakes up again and again to look for a seat: %s. Wait without a timeout and let the guest "
                        + "who frees a seat wake the waiters.", Guests.POLL_SAMPLES, Guests.POLL_WINDOW.toMillis(),
                        describe(List.of(waiter)));
                case SPINNING -> fail("guest-2 spins instead of waiting: guest-1 has the only seat, and guest-2 used "
                        + "more than %d ms of CPU without ever being parked (a waiting thread uses none): %s. Wait "
                        + "without a timeout instead of looping until a seat is free.", Guests.SPIN_CPU.toMillis(),
                        describe(List.of(waiter)));
                case ENTERED -> fail("guest-2 got in although guest-1 had the only seat: 2 tastings at once in a room "
                        + "of 1 seat. taste() must wait for a free seat.");
                case RETURNED -> fail("guest-2's taste() %s instead of waiting for the only seat, which guest-1 had.",
                        waiter.outcome());
                default -> throw new IllegalStateException(seen.toString());
            }
            scene.open("guest-1");
            scene.awaitReturn(first, "guest-1 finished its tasting and left");
            requireSeated(scene, room, waiter, "guest-2", "guest-1 left the only seat");
            scene.open("guest-2");
            scene.awaitReturn(waiter, "guest-2 finished its tasting and left");
            expectResult(waiter, "guest-2", "taste() of guest-2");
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("A tasting that throws gives its exception back and frees its seat, once")
    void seatFreedWhenTastingThrows() throws Exception {
        TastingRoom room = new TastingRoom(2);
        for (int i = 1; i <= 3; i++) {
            IOException burnt = new IOException("burnt tongue #" + i);
            Throwable thrown = thrownBy(() -> room.taste(() -> {
                throw burnt;
            }));
            if (thrown != burnt) {
                fail("taste() of a tasting that threw %s %s; it must rethrow the tasting's own exception, unchanged.",
                        burnt, thrown == null ? "returned normally" : "threw " + thrown);
            }
            expectFree(room, 2, "after " + i + " tasting(s) that threw IOException in a room of 2 seats, nobody tasting");
        }
        IllegalStateException spilled = new IllegalStateException("spilled");
        Throwable thrown = thrownBy(() -> room.tryTaste(() -> {
            throw spilled;
        }, LONG_PATIENCE));
        if (thrown != spilled) {
            fail("tryTaste() of a tasting that threw %s %s; it must rethrow the tasting's own exception, unchanged.",
                    spilled, thrown == null ? "returned normally" : "threw " + thrown);
        }
        expectFree(room, 2, "after a tryTaste whose tasting threw IllegalStateException, in a room of 2 seats, nobody tasting");
        try (Guests scene = new Guests()) {
            List<Guests.Guest> guests = new ArrayList<>();
            List<String> labels = List.of("guest-a", "guest-b", "guest-c");
            for (String label : labels) {
                Callable<String> tasting = scene.held(label);
                guests.add(scene.start(label, () -> room.taste(tasting)));
            }
            Guests.Rest rest = scene.awaitRest(guests, labels, () -> scene.most() > 2);
            if (scene.most() > 2) {
                fail("After tastings that threw, %d tastings ran at once in a room of 2 seats (%s): a seat was freed "
                        + "twice when its tasting threw. Free a seat exactly once, however the tasting ends.",
                        scene.most(), String.join(", ", scene.insideNow()));
            }
            if (rest.inside().size() < 2) {
                fail("After tastings that threw, only %d of 2 seats could be taken: %s. The seat of a tasting that "
                        + "throws must be freed; look at what happens to the seat when tasting.call() throws.",
                        rest.inside().size(), rest.picture());
            }
            for (int i = 0; i < 3; i++) {
                String first = scene.entries().stream().filter(scene.insideNow()::contains).findFirst().orElse(null);
                if (first == null) {
                    break;
                }
                scene.open(first);
                scene.awaitReturn(guests.get(labels.indexOf(first)), first + " finished its tasting and left");
                scene.awaitRest(guests, labels, () -> false);
            }
            for (int i = 0; i < 3; i++) {
                expectResult(guests.get(i), labels.get(i), "taste() of " + labels.get(i));
            }
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("A guest interrupted while waiting leaves with InterruptedException, never tastes, and frees no seat")
    void interruptedWaitFreesNothing() {
        TastingRoom room = new TastingRoom(1);
        try (Guests scene = new Guests()) {
            Guests.Guest first = seatGuest(scene, room, "guest-1");
            Callable<String> second = scene.held("guest-2");
            Guests.Guest waiter = scene.start("guest-2", () -> room.taste(second));
            requireWaiting(scene, waiter, "guest-2", false, "guest-1 has the only seat", 1);
            waiter.thread.interrupt();
            scene.awaitReturn(waiter, "guest-2 waited for the only seat, which guest-1 had, and was interrupted");
            if (scene.entered("guest-2")) {
                fail("guest-2 was interrupted while it waited for the only seat, and its tasting ran all the same: a "
                        + "guest interrupted at the door leaves without tasting.");
            }
            if (!(waiter.error instanceof InterruptedException)) {
                fail("guest-2 was interrupted while it waited for the only seat, and taste() %s; it must throw "
                        + "InterruptedException, so that the guest knows it did not taste.", waiter.outcome());
            }
            int free = room.freeSeats();
            if (free != 0) {
                fail("guest-2 was interrupted while it waited for a seat and left; now freeSeats() is %d although "
                        + "guest-1 still has the only seat: guest-2 freed a seat it never had. Look at which guests "
                        + "reach the code that frees a seat.", free);
            }
            Callable<String> third = scene.held("guest-3");
            Guests.Guest late = scene.start("guest-3", () -> room.taste(third));
            Guests.Seen seen = scene.awaitWaiting(late, "guest-3", true, "taste() while guest-1 has the only seat");
            if (seen == Guests.Seen.ENTERED) {
                fail("After guest-2 was interrupted at the door, guest-3 got in while guest-1 still had the only seat: "
                        + "2 tastings at once in a room of 1 seat (%s). The interrupted guest freed a seat it never "
                        + "had; look at which guests reach the code that frees a seat.", String.join(", ", scene.insideNow()));
            }
            if (seen == Guests.Seen.RETURNED) {
                fail("guest-3's taste() %s instead of waiting for the only seat, which guest-1 had.", late.outcome());
            }
            scene.open("guest-1");
            scene.awaitReturn(first, "guest-1 finished its tasting and left");
            scene.awaitRest(List.of(late), List.of("guest-3"), () -> scene.entered("guest-2") || scene.entered("guest-3"));
            if (scene.entered("guest-2")) {
                fail("guest-2 was interrupted while it waited for the only seat and left with %s; yet when guest-1 "
                        + "freed the seat, guest-2's tasting ran, for a guest who was gone, while guest-3 waited: %s. "
                        + "An interrupted guest must leave nothing behind in the room.", waiter.error,
                        describe(List.of(late)));
            }
            requireSeated(scene, room, late, "guest-3", "guest-1 left the only seat after guest-2 had been interrupted "
                    + "while it waited (an interrupted guest must leave no trace in the room)");
            scene.open("guest-3");
            scene.awaitReturn(late, "guest-3 finished its tasting and left");
            expectResult(late, "guest-3", "taste() of guest-3");
            expectFree(room, 1, "once every guest has left a room of 1 seat");
        }
    }

    @Test
    @Tag("task:3")
    @DisplayName("Guests get seats in the order they started waiting, and a guest who comes back queues again")
    void seatsInArrivalOrder() {
        TastingRoom room = new TastingRoom(1);
        try (Guests scene = new Guests()) {
            Callable<String> firstCup = scene.held("guest-0");
            Callable<String> secondCup = scene.held("guest-0 again");
            Guests.Guest comesBack = scene.start("guest-0", () -> {
                room.taste(firstCup);
                return room.taste(secondCup);
            });
            requireSeated(scene, room, comesBack, "guest-0", "the room was empty");
            List<Guests.Guest> guests = new ArrayList<>(List.of(comesBack));
            List<String> labels = new ArrayList<>(Arrays.asList((String) null));
            for (int i = 1; i <= 4; i++) {
                String label = "guest-" + i;
                Callable<String> tasting = scene.held(label);
                boolean patient = i == 3;
                Guests.Guest guest = scene.start(label, patient ? () -> room.tryTaste(tasting, LONG_PATIENCE).orElse(null)
                        : () -> room.taste(tasting));
                requireWaiting(scene, guest, label, patient, "guest-0 has the only seat", 1);
                guests.add(guest);
                labels.add(label);
            }
            List<String> expected = List.of("guest-1", "guest-2", "guest-3", "guest-4", "guest-0 again");
            List<String> got = new ArrayList<>();
            String leaving = "guest-0";
            for (String next : expected) {
                scene.open(leaving);
                scene.awaitLeft(leaving);
                Guests.Rest rest = scene.awaitRest(guests, labels, () -> scene.most() > 1);
                if (scene.most() > 1) {
                    fail("%d tastings ran at once in a room of 1 seat (%s).", scene.most(), String.join(", ", scene.insideNow()));
                }
                if (rest.inside().isEmpty()) {
                    fail("%s left the only seat and nobody got it: %s. A waiting guest must get a seat as soon as one "
                            + "is free.", leaving, rest.picture());
                }
                String who = rest.inside().get(0);
                got.add(who);
                if (!who.equals(next)) {
                    fail("Guests got the only seat out of turn: guest-1, guest-2, guest-3 (tryTaste with %d s of "
                            + "patience) and guest-4 started waiting one after the other while guest-0 tasted, and guest-0 "
                            + "came back for a second cup the moment she left (\"guest-0 again\"). The seat went to %s, "
                            + "in that order; it must go to whoever has waited longest: %s. Still waiting: %s. A guest "
                            + "who arrives just as a seat is freed must not take it ahead of those already waiting; "
                            + "look at how your room decides who gets a freed seat.%s", LONG_PATIENCE.toSeconds(),
                            String.join(", ", got), String.join(", ", expected), rest.picture(), unfairEvidence(scene));
                }
                leaving = who;
            }
            scene.open(leaving);
            for (Guests.Guest guest : guests) {
                scene.awaitReturn(guest, guest + " finished its tastings and left");
            }
            String unfair = unfairEvidence(scene);
            if (!unfair.isEmpty()) {
                fail("The guests got the seat in the right order this time, but by luck:%s", unfair);
            }
            expectResult(comesBack, "guest-0 again", "guest-0's second taste()");
        }
    }

    @Test
    @Tag("task:4")
    @DisplayName("tryTaste waits for its patience with a timeout, then gives up holding no seat and no place in the queue")
    void tryTasteGivesUpInTime() {
        TastingRoom room = new TastingRoom(1);
        try (Guests scene = new Guests()) {
            Guests.Guest first = seatGuest(scene, room, "guest-1");
            Callable<String> second = scene.held("guest-2");
            AtomicLong waited = new AtomicLong(-1);
            Guests.Guest impatient = scene.start("guest-2", () -> {
                long start = System.nanoTime();
                try {
                    return room.tryTaste(second, PATIENCE);
                } finally {
                    waited.set(System.nanoTime() - start);
                }
            });
            String call = "tryTaste(" + PATIENCE.toMillis() + " ms)";
            Guests.Seen seen = scene.awaitWaiting(impatient, "guest-2", true, call + " while guest-1 has the only seat");
            if (seen == Guests.Seen.ENTERED) {
                fail("guest-2's %s got in although guest-1 had the only seat: 2 tastings at once in a room of 1 seat.", call);
            }
            Callable<String> third = scene.held("guest-3");
            Guests.Guest behind = scene.start("guest-3", () -> room.taste(third));
            awaitGivenUp(scene, impatient, call);
            if (scene.entered("guest-2")) {
                fail("guest-2's %s ran its tasting although guest-1 had the only seat all along.", call);
            }
            if (impatient.error != null || !Optional.empty().equals(impatient.result)) {
                fail("guest-2's %s, while guest-1 had the only seat all along, %s; it must return Optional.empty() "
                        + "once its patience has run out.", call, impatient.outcome());
            }
            long waitedMs = waited.get() / 1_000_000;
            if (waited.get() < PATIENCE.minus(ROUNDING).toNanos()) {
                fail("guest-2's %s gave up after %d ms, before its patience ran out: with every seat taken, tryTaste "
                        + "must wait up to its patience for one to be freed (a look that leaves at once has no patience "
                        + "at all).", call, waitedMs);
            }
            int free = room.freeSeats();
            if (free != 0) {
                fail("guest-2's %s gave up after %d ms, and now freeSeats() is %d although guest-1 still has the only "
                        + "seat: the guest who gave up freed a seat it never had.", call, waitedMs, free);
            }
            Guests.Seen late = scene.awaitWaiting(behind, "guest-3", true, "taste() while guest-1 has the only seat");
            if (late == Guests.Seen.ENTERED) {
                fail("After guest-2's %s gave up, guest-3 got in while guest-1 still had the only seat: 2 tastings at "
                        + "once in a room of 1 seat.", call);
            }
            scene.open("guest-1");
            scene.awaitReturn(first, "guest-1 finished its tasting and left");
            requireSeated(scene, room, behind, "guest-3", "guest-1 left the only seat, after guest-2's " + call
                    + " had given up (the guest who gave up must leave nothing behind: no seat, no place in the queue)");
            scene.open("guest-3");
            scene.awaitReturn(behind, "guest-3 finished its tasting and left");
            expectFree(room, 1, "once every guest has left a room of 1 seat");
        }
    }

    @Test
    @Tag("task:4")
    @DisplayName("tryTaste takes a free seat at once, and a seat freed while it waits")
    void tryTasteTakesAFreedSeat() throws Exception {
        TastingRoom free = new TastingRoom(2);
        Optional<String> now = free.tryTaste(() -> "assam", LONG_PATIENCE);
        if (!Optional.of("assam").equals(now)) {
            fail("tryTaste(() -> \"assam\", %d s) on an empty room of 2 seats returned %s, expected Optional[assam].",
                    LONG_PATIENCE.toSeconds(), now);
        }
        expectFree(free, 2, "after a tryTaste in an empty room of 2 seats");
        TastingRoom room = new TastingRoom(1);
        try (Guests scene = new Guests()) {
            Guests.Guest first = seatGuest(scene, room, "guest-1");
            Callable<String> second = scene.held("guest-2");
            Guests.Guest patient = scene.start("guest-2", () -> room.tryTaste(second, LONG_PATIENCE));
            String call = "tryTaste(" + LONG_PATIENCE.toSeconds() + " s)";
            Guests.Seen seen = scene.awaitWaiting(patient, "guest-2", true, call + " while guest-1 has the only seat");
            if (seen == Guests.Seen.ENTERED) {
                fail("guest-2's %s got in although guest-1 had the only seat: 2 tastings at once in a room of 1 seat.", call);
            }
            if (seen == Guests.Seen.RETURNED) {
                fail("guest-2's %s %s after %d ms, while guest-1 had the only seat: with %d s of patience it must "
                        + "wait for the seat to be freed.", call, patient.outcome(),
                        (patient.endedNanos - patient.startedNanos) / 1_000_000, LONG_PATIENCE.toSeconds());
            }
            scene.open("guest-1");
            scene.awaitReturn(first, "guest-1 finished its tasting and left");
            requireSeated(scene, room, patient, "guest-2", "guest-1 left the only seat while guest-2's " + call + " waited");
            scene.open("guest-2");
            scene.awaitReturn(patient, "guest-2 finished its tasting and left");
            if (patient.error != null || !Optional.of("guest-2").equals(patient.result)) {
                fail("guest-2's %s, which got the seat guest-1 freed, %s; expected Optional[guest-2].", call,
                        patient.outcome());
            }
            expectFree(room, 1, "once every guest has left a room of 1 seat");
        }
    }

    /** Waits until the tryTaste of {@code guest} returns; fails when it waits without a timeout, or far past its patience. */
    private static void awaitGivenUp(Guests scene, Guests.Guest guest, String call) {
        long untimedFrom = 0;
        long waitedAtDeadline = -1;
        while (!guest.done) {
            if (scene.entered("guest-2")) {
                fail("guest-2's %s got in although guest-1 had the only seat: 2 tastings at once in a room of 1 seat.", call);
            }
            long sinceStart = System.nanoTime() - guest.startedNanos;
            ThreadInfo info = guest.info();
            boolean inRoom = Guests.inRoom(guest.thread.getStackTrace());
            if (info != null && sinceStart >= PATIENCE.plus(UNTIMED_AFTER).toNanos()) {
                if (scene.waitsWithoutTimeout(guest)) {
                    if (untimedFrom == 0) {
                        untimedFrom = System.nanoTime();
                    } else if (System.nanoTime() - untimedFrom >= Duration.ofSeconds(1).toNanos()) {
                        fail("guest-2's %s still waits %d ms after it started, without a timeout (WAITING, or BLOCKED "
                                + "at a lock a tasting guest holds): it waits for a seat as taste() does, not for its patience. guest-1 has the only seat and "
                                + "keeps it; %s.", call, sinceStart / 1_000_000, describe(List.of(guest)));
                    }
                } else {
                    untimedFrom = 0;
                }
                if (waitedAtDeadline < 0) {
                    waitedAtDeadline = info.getWaitedCount();
                }
            }
            if (info != null && (sinceStart >= PATIENCE.plus(OVERDUE_AFTER).toNanos() || scene.overBudget())) {
                if (inRoom && waitedAtDeadline >= 0 && info.getWaitedCount() > waitedAtDeadline + 1) {
                    fail("guest-2's %s still waits %d s after it started, and went on waiting again and again long after "
                            + "its patience ran out: %s.", call, sinceStart / 1_000_000_000, describe(List.of(guest)));
                }
                Assumptions.abort("inconclusive: the machine is too busy: guest-2's " + call + " had not returned "
                        + sinceStart / 1_000_000_000 + " s after it started: " + describe(List.of(guest)));
            }
            Guests.sleepQuietly(5);
        }
    }

    /** Words for the unfair Semaphore the guests were seen waiting in, or "" when they waited in none. */
    private static String unfairEvidence(Guests scene) {
        return scene.lockNames().stream().filter(l -> l.startsWith("java.util.concurrent.Semaphore$NonfairSync"))
                .findFirst().map(l -> " The waiting guests were parked in an unfair Semaphore (" + Guests.shortLock(l)
                        + "): it gives a freed permit to whichever thread asks first, so a guest who arrives just as a "
                        + "seat is freed can take it ahead of those already waiting, and a guest can wait for ever. Read "
                        + "the Semaphore constructors' javadoc.").orElse("");
    }

    /** Starts {@code name} with a held tasting in an empty room and waits until it sits down. */
    private static Guests.Guest seatGuest(Guests scene, TastingRoom room, String name) {
        Callable<String> tasting = scene.held(name);
        Guests.Guest guest = scene.start(name, () -> room.taste(tasting));
        requireSeated(scene, room, guest, name, "the room was empty");
        return guest;
    }

    /** Fails unless {@code guest} sits down (starts {@code label}) now that {@code why}; reports where it waits instead. */
    private static void requireSeated(Guests scene, TastingRoom room, Guests.Guest guest, String label, String why) {
        List<String> labels = new ArrayList<>();
        List<Guests.Guest> watched = new ArrayList<>();
        watched.add(guest);
        labels.add(label);
        Guests.Rest rest = scene.awaitRest(watched, labels, () -> scene.entered(label));
        if (!scene.entered(label)) {
            if (guest.done) {
                fail("%s's call %s without tasting, although %s.", guest, guest.outcome(), why);
            }
            fail("%s waits for a seat in a room where %s: %s; freeSeats() says %d. %s", guest,
                    rest.inside().isEmpty() ? "nobody is tasting" : "only " + String.join(", ", rest.inside()) + " tastes",
                    rest.picture(), room.freeSeats(), "It should have sat down: " + why + ".");
        }
    }

    /** Fails unless {@code guest} waits for a seat (it neither tastes nor returns) because {@code why}. */
    private static void requireWaiting(Guests scene, Guests.Guest guest, String label, boolean timed, String why, int seats) {
        Guests.Seen seen = scene.awaitWaiting(guest, label, timed, "a guest who must wait because " + why);
        if (seen == Guests.Seen.ENTERED) {
            fail("%s got in although %s: %d tastings at once in a room of %d seat(s) (%s). taste() must wait for a "
                    + "free seat.", guest, why, scene.most(), seats, String.join(", ", scene.insideNow()));
        }
        if (seen == Guests.Seen.RETURNED) {
            fail("%s's call %s instead of waiting, although %s.", guest, guest.outcome(), why);
        }
    }

    private static void expectFree(TastingRoom room, int expected, String when) {
        int free = room.freeSeats();
        if (free < expected) {
            fail("freeSeats() is %d %s, expected %d: %d seat(s) were never freed. Look at what happens to a seat when "
                    + "its tasting throws.", free, when, expected, expected - free);
        }
        if (free > expected) {
            fail("freeSeats() is %d %s, expected %d: a seat was freed more than once (or by a guest who never had it), "
                    + "so the room now lets too many guests in.", free, when, expected);
        }
    }

    private static void expectResult(Guests.Guest guest, Object expected, String what) {
        if (guest.error != null) {
            fail("%s threw %s%s.", what, guest.error, guest.error.getStackTrace().length == 0 ? ""
                    : " at " + Guests.excerpt(guest.error.getStackTrace()));
        }
        if (!expected.equals(guest.result)) {
            fail("%s returned %s, expected %s.", what, quoted(guest.result), quoted(expected));
        }
    }

    private static Throwable thrownBy(Callable<?> call) {
        try {
            call.call();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
