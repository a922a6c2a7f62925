package deadlock;

/** Locks the first account, then tries the second; when it is busy, tries again (still holding the first). */
public class Bank {

    public boolean transfer(Account from, Account to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to itself");
        }
        while (true) {
            from.lock().lock();
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
                    from.lock().unlock();
                }
            }
            Thread.onSpinWait();
        }
    }
}
