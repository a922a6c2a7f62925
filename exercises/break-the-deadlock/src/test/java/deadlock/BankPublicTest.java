package deadlock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Public tests of Bank: its single-threaded contract, and transfers that a deadlock-free bank must survive. */
@DisplayName("Bank")
class BankPublicTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    @Tag("task:5")
    @DisplayName("A transfer moves money when it is there and returns false when it is not")
    void transferMovesMoney() {
        Bank bank = new Bank();
        Account a = new Account(1, 100);
        Account b = new Account(2, 0);

        assertThat(bank.transfer(a, b, 30)).as("transfer(Account 1 -> Account 2, 30) with 100 in Account 1").isTrue();
        assertThat(a.balance()).as("Account 1 after giving 30").isEqualTo(70);
        assertThat(b.balance()).as("Account 2 after receiving 30").isEqualTo(30);

        assertThat(bank.transfer(b, a, 31)).as("transfer(Account 2 -> Account 1, 31) with 30 in Account 2").isFalse();
        assertThat(b.balance()).as("Account 2 after a refused transfer").isEqualTo(30);
        assertThat(a.lock().isLocked() || b.lock().isLocked()).as("a lock still held after transfer returned").isFalse();
    }

    @Test
    @Tag("task:5")
    @DisplayName("A negative balance, a zero or negative amount and a transfer to the same account throw IllegalArgumentException")
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Account(1, -1)).isInstanceOf(IllegalArgumentException.class);
        Bank bank = new Bank();
        Account a = new Account(1, 10);
        Account b = new Account(2, 10);
        assertThatThrownBy(() -> bank.transfer(a, b, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bank.transfer(a, b, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bank.transfer(a, a, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(a.balance() + b.balance()).as("money after the refused calls").isEqualTo(20);
    }

    @Test
    @Tag("task:1")
    @DisplayName("Two tills moving money back and forth between the same two accounts both finish")
    void oppositeTransfersFinish() {
        Bank bank = new Bank();
        Account a = new Account(1, 1_000);
        Account b = new Account(2, 1_000);
        runTills(List.of(a, b), List.of(a, b),
                () -> repeat(50_000, () -> bank.transfer(a, b, 1)),
                () -> repeat(50_000, () -> bank.transfer(b, a, 1)));
        assertThat(a.balance() + b.balance()).as("money in the two accounts afterwards").isEqualTo(2_000);
    }

    @Test
    @Tag("task:2")
    @DisplayName("Three tills moving money around a cycle of three accounts all finish")
    void cycleFinishes() {
        Bank bank = new Bank();
        Account a = new Account(1, 1_000);
        Account b = new Account(2, 1_000);
        Account c = new Account(3, 1_000);
        runTills(List.of(a, b, c), List.of(a, b, c),
                () -> repeat(50_000, () -> bank.transfer(a, b, 1)),
                () -> repeat(50_000, () -> bank.transfer(b, c, 1)),
                () -> repeat(50_000, () -> bank.transfer(c, a, 1)));
        assertThat(a.balance() + b.balance() + c.balance()).as("money in the three accounts afterwards")
                .isEqualTo(3_000);
    }

    @Test
    @Tag("task:3")
    @DisplayName("A transfer waits while another thread holds the lock of the account it pays into")
    void transferWaitsForTheLockOfTheReceiver() throws InterruptedException {
        Bank bank = new Bank();
        Account a = new Account(1, 100);
        Account b = new Account(2, 100);
        AtomicReference<Boolean> result = new AtomicReference<>();
        b.lock().lock();
        Thread till;
        try {
            till = Thread.ofPlatform().daemon().name("till").start(() -> result.set(bank.transfer(a, b, 10)));
            till.join(Duration.ofMillis(200));
            assertThat(result.get()).as("what transfer(Account 1 -> Account 2, 10) returned while this test held the "
                    + "lock of Account 2 (null: it had not returned yet, as it should)").isNull();
            assertThat(b.balance()).as("Account 2 while this test held its lock").isEqualTo(100);
        } finally {
            b.lock().unlock();
        }
        if (!till.join(PATIENCE)) {
            fail("transfer did not finish within %d s after the lock of Account 2 was released", PATIENCE.toSeconds());
        }
        assertThat(result.get()).as("what the transfer returned once the lock was free").isTrue();
        assertThat(b.balance()).as("Account 2 after the transfer").isEqualTo(110);
    }

    @Test
    @Tag("task:4")
    @DisplayName("Eight tills making random transfers between four accounts neither lose money nor overdraw")
    void moneyIsConserved() {
        Bank bank = new Bank();
        List<Account> accounts = List.of(new Account(1, 500), new Account(2, 500), new Account(3, 500),
                new Account(4, 500));
        Runnable randomTransfers = () -> repeat(20_000, () -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int from = r.nextInt(4);
            int to = (from + 1 + r.nextInt(3)) % 4;
            bank.transfer(accounts.get(from), accounts.get(to), 1 + r.nextInt(200));
        });
        runTills(accounts, List.of(), randomTransfers, randomTransfers, randomTransfers, randomTransfers, randomTransfers,
                randomTransfers, randomTransfers, randomTransfers);
        long total = 0;
        for (Account account : accounts) {
            assertThat(account.balance()).as("balance of %s afterwards", account).isNotNegative();
            total += account.balance();
        }
        assertThat(total).as("money in the four accounts afterwards").isEqualTo(2_000);
    }

    private static void repeat(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
    }

    /**
     * Runs each job on its own thread; on a deadlock, fails with what each thread holds and waits for. To make a bad
     * interleaving likely, the test first holds the locks of {@code held}, starts the tills one by one, each of
     * which gets stuck at its first lock, and then lets go of the locks one at a time.
     */
    private static void runTills(List<Account> accounts, List<Account> held, Runnable... jobs) {
        held.forEach(a -> a.lock().lock());
        CountDownLatch start = new CountDownLatch(held.isEmpty() ? 1 : 0);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int i = 0; i < jobs.length; i++) {
            Runnable job = jobs[i];
            threads.add(Thread.ofPlatform().daemon().name("till-" + (i + 1)).start(() -> {
                try {
                    start.await();
                    job.run();
                } catch (Throwable t) {
                    synchronized (errors) {
                        errors.add(t);
                    }
                }
            }));
            if (!held.isEmpty()) {
                waitUntilStuck(threads.getLast());
            }
        }
        for (Account a : held) {
            for (Thread t : threads) {
                waitUntilStuck(t);
            }
            a.lock().unlock();
            sleep(50);
        }
        start.countDown();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (Thread t : threads) {
            try {
                while (!t.join(Duration.ofMillis(100))) {
                    long[] deadlocked = THREADS.findDeadlockedThreads();
                    if (deadlocked != null || System.nanoTime() > deadline) {
                        fail("%s:%n%s", deadlocked != null ? "deadlock" : "the tills did not finish within "
                                + PATIENCE.toSeconds() + " s", describe(threads, accounts));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        synchronized (errors) {
            assertThat(errors).as("exceptions thrown by the tills").isEmpty();
        }
    }

    /** Waits up to a second until the thread waits for something (or has finished). */
    private static void waitUntilStuck(Thread t) {
        for (int i = 0; i < 1_000 && (t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.NEW); i++) {
            sleep(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(List<Thread> threads, List<Account> accounts) {
        StringBuilder text = new StringBuilder();
        for (Thread t : threads) {
            ThreadInfo info = THREADS.getThreadInfo(t.threadId(), Integer.MAX_VALUE);
            if (info == null) {
                continue;
            }
            String holds = accounts.stream().filter(a -> a.lock().toString().endsWith("thread " + t.getName() + "]"))
                    .map(Account::toString).collect(Collectors.joining(", "));
            String waits = accounts.stream().filter(a -> a.lock().hasQueuedThread(t)).map(Account::toString)
                    .collect(Collectors.joining(", "));
            text.append("  ").append(t.getName()).append(" (").append(info.getThreadState()).append(") holds the lock of [")
                    .append(holds).append("], waits for the lock of [").append(waits).append("]")
                    .append(System.lineSeparator());
            Arrays.stream(info.getStackTrace()).filter(f -> f.getClassName().startsWith("deadlock.")
                    && !f.getClassName().startsWith("deadlock.BankPublicTest")).limit(3)
                    .forEach(f -> text.append("      at ").append(f).append(System.lineSeparator()));
        }
        return text.toString();
    }
}
