package deadlock;

import java.util.concurrent.locks.ReentrantLock;

/** One bank-wide lock around every transfer, so two transfers can never hold account locks at once. */
public class Bank {

    private static final ReentrantLock TELLER = new ReentrantLock();

    public boolean transfer(Account from, Account to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to itself");
        }
        TELLER.lock();
        try {
            from.lock().lock();
            try {
                to.lock().lock();
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
            } finally {
                from.lock().unlock();
            }
        } finally {
            TELLER.unlock();
        }
    }
}
