package deadlock;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Moves money between accounts; waits a short, random while for each lock (tryLock with a timeout), and when the
 * second does not come lets go of the first, so two opposite transfers never wait for each other forever.
 */
public class Bank {

    public boolean transfer(Account from, Account to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to itself");
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    long patience = ThreadLocalRandom.current().nextLong(50, 2_000);
                    if (from.lock().tryLock(patience, TimeUnit.MICROSECONDS)) {
                        try {
                            if (to.lock().tryLock(patience, TimeUnit.MICROSECONDS)) {
                                try {
                                    if (from.balance() < amount) {
                                        return false;
                                    }
                                    from.withdraw(amount);
                                    to.deposit(amount);
                                    return true;
                                } finally {
                                    to.lock().unlock();
                                }
                            }
                        } finally {
                            from.lock().unlock();
                        }
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
