package deadlock;

/** Never waits for a lock: when either is busy the transfer is refused. */
public class Bank {

    public boolean transfer(Account from, Account to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to itself");
        }
        if (!from.lock().tryLock()) {
            return false;
        }
        try {
            if (!to.lock().tryLock()) {
                return false;
            }
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
    }
}
