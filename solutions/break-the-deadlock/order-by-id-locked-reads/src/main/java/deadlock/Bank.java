package deadlock;

import java.util.concurrent.locks.Lock;

/** Moves money between accounts, taking the two locks in the order the accounts define (by id). */
public class Bank {

    public boolean transfer(Account from, Account to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from " + from + " to itself");
        }
        Lock first = from.locksBefore(to) ? from.lock() : to.lock();
        Lock second = from.locksBefore(to) ? to.lock() : from.lock();
        first.lock();
        try {
            second.lock();
            try {
                if (from.balance() < amount) {
                    return false;
                }
                from.withdraw(amount);
                to.deposit(amount);
                return true;
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }
}
