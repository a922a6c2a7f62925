package deadlock;

/** Locks by id; unlocks by hand at the end of the happy path. */
public class Bank {

    public boolean transfer(Account from, Account to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to itself");
        }
        Account first = from.id() < to.id() ? from : to;
        Account second = first == from ? to : from;
        first.lock().lock();
        second.lock().lock();
        if (from.balance() < amount) {
            return false;
        }
        from.withdraw(amount);
        to.deposit(amount);
        second.lock().unlock();
        first.lock().unlock();
        return true;
    }
}
