package deadlock;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** Moves money between accounts; takes both locks with tryLock, and when one is busy lets go of both and retries. */
public class Bank {

    public boolean transfer(Account from, Account to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to itself");
        }
        long backOff = 1_000;
        while (true) {
            if (from.lock().tryLock()) {
                try {
                    if (to.lock().tryLock()) {
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
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(backOff));
            backOff = Math.min(backOff * 2, 1_000_000);
        }
    }
}
