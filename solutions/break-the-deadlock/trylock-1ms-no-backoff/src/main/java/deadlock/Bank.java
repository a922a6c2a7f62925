package deadlock;

import java.util.concurrent.TimeUnit;

/**
 * Moves money between accounts with timed tryLock: it waits up to 1 ms for each lock, and when the second does not
 * come it lets go of the first and tries again at once, with no back-off.
 */
public class Bank {

    public boolean transfer(Account from, Account to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to itself");
        }
        try {
            while (true) {
                if (from.lock().tryLock(1, TimeUnit.MILLISECONDS)) {
                    try {
                        if (to.lock().tryLock(1, TimeUnit.MILLISECONDS)) {
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
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the accounts' locks", e);
        }
    }
}
