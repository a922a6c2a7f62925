package deadlock;

import java.util.concurrent.locks.ReentrantLock;

/** One customer account; the balance is read and written only under the account's lock. */
public class Account {

    private final int id;
    private final ReentrantLock lock = new ReentrantLock();
    private long balance;

    public Account(int id, long balance) {
        if (balance < 0) {
            throw new IllegalArgumentException("balance must not be negative, was " + balance);
        }
        this.id = id;
        this.balance = balance;
    }

    public int id() {
        return id;
    }

    public long balance() {
        lock.lock();
        try {
            return balance;
        } finally {
            lock.unlock();
        }
    }

    public ReentrantLock lock() {
        return lock;
    }

    /** Whether this account's lock comes before the other's in the one order every transfer uses. */
    boolean locksBefore(Account other) {
        return id < other.id;
    }

    void deposit(long amount) {
        assert lock.isHeldByCurrentThread();
        balance += amount;
    }

    void withdraw(long amount) {
        assert lock.isHeldByCurrentThread();
        balance -= amount;
    }

    @Override
    public String toString() {
        return "Account " + id;
    }
}
