package deadlock;

import java.util.concurrent.locks.ReentrantLock;

/** One customer account of the chai shop's bank: an id, a balance, and the lock that guards the balance. */
public class Account {

    private final int id;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long balance;

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
        return balance;
    }

    public ReentrantLock lock() {
        return lock;
    }

    /** Adds money; the caller must hold {@link #lock()}. */
    void deposit(long amount) {
        balance += amount;
    }

    /** Takes money out; the caller must hold {@link #lock()} and must have checked that there is enough. */
    void withdraw(long amount) {
        balance -= amount;
    }

    @Override
    public String toString() {
        return "Account " + id;
    }
}
