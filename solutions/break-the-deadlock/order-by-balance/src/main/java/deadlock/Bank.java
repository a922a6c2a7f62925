package deadlock;

/** Takes the two locks in one order: the account with less money first (ties by id). */
public class Bank {

    public boolean transfer(Account from, Account to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to itself");
        }
        boolean fromFirst = from.balance() < to.balance()
                || (from.balance() == to.balance() && from.id() < to.id());
        Account first = fromFirst ? from : to;
        Account second = fromFirst ? to : from;
        first.lock().lock();
        try {
            second.lock().lock();
            try {
                if (from.balance() < amount) {
                    return false;
                }
                from.withdraw(amount);
                to.deposit(amount);
                return true;
            } finally {
                second.lock().unlock();
            }
        } finally {
            first.lock().unlock();
        }
    }
}
