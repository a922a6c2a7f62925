package deadlock;

/** Locks only the account the money leaves: one lock cannot deadlock. */
public class Bank {

    public boolean transfer(Account from, Account to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to itself");
        }
        from.lock().lock();
        try {
            if (from.balance() < amount) {
                return false;
            }
            from.withdraw(amount);
            to.deposit(amount);
            return true;
        } finally {
            from.lock().unlock();
        }
    }
}
