package deadlock;

import java.util.concurrent.TimeUnit;

/**
 * Refuses early when the money is not there, then takes both locks with timed tryLock and retries: the check of the
 * balance comes before the locks, so two transfers can both pass it.
 */
public class Bank {

    public boolean transfer(Account from, Account to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to itself");
        }
        if (from.balance() < amount) {
            return false;
        }
        try {
            while (true) {
                if (from.lock().tryLock(1, TimeUnit.MILLISECONDS)) {
                    try {
                        if (to.lock().tryLock(1, TimeUnit.MILLISECONDS)) {
                            try {
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
