package deadlock;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hidden checks that Account and Bank keep the single-threaded promises of their contract. */
@DisplayName("Bank used by one till")
class BankContractTest {

    @Test
    @Tag("task:5")
    @DisplayName("A transfer moves the money when it is there, and returns false without moving any when it is not")
    void refusesInsufficientFunds() {
        Bank bank = new Bank();
        Account a = new Account(1, 50);
        Account b = new Account(2, 7);
        assertThat(a.id()).as("id() of new Account(1, 50)").isEqualTo(1);
        assertThat(a.balance()).as("balance() of new Account(1, 50)").isEqualTo(50);

        assertThat(bank.transfer(a, b, 51)).as("transfer(Account 1 -> Account 2, 51) with 50 in Account 1").isFalse();
        assertThat(a.balance()).as("Account 1 after a refused transfer of 51").isEqualTo(50);
        assertThat(b.balance()).as("Account 2 after a refused transfer of 51").isEqualTo(7);
        assertLocksFree("a transfer returned false", a, b);

        assertThat(bank.transfer(a, b, 50)).as("transfer(Account 1 -> Account 2, 50) with exactly 50 in Account 1")
                .isTrue();
        assertThat(a.balance()).as("Account 1 after giving all its 50").isZero();
        assertThat(b.balance()).as("Account 2 after receiving 50").isEqualTo(57);
        assertLocksFree("a transfer returned true", a, b);

        assertThat(bank.transfer(a, b, 1)).as("transfer of 1 from an empty Account 1").isFalse();
        assertThat(bank.transfer(b, a, 57)).as("transfer(Account 2 -> Account 1, 57) with 57 in Account 2").isTrue();
        assertThat(a.balance()).as("Account 1 after receiving 57").isEqualTo(57);
        assertThat(b.balance()).as("Account 2 after giving all its 57").isZero();

        Account big = new Account(3, Long.MAX_VALUE - 1);
        Account empty = new Account(4, 0);
        assertThat(bank.transfer(big, empty, Long.MAX_VALUE)).as("transfer of Long.MAX_VALUE from an account holding "
                + "one less").isFalse();
        assertThat(bank.transfer(big, empty, Long.MAX_VALUE - 1)).as("transfer of everything from an account holding "
                + "Long.MAX_VALUE - 1").isTrue();
        assertThat(empty.balance()).as("the receiving account after the large transfer").isEqualTo(Long.MAX_VALUE - 1);
        assertLocksFree("the large transfers returned", big, empty);
    }

    @Test
    @Tag("task:5")
    @DisplayName("Bad arguments are refused with IllegalArgumentException and change nothing")
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Account(1, -1)).as("new Account(1, -1)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Account(1, Long.MIN_VALUE)).as("new Account(1, Long.MIN_VALUE)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Account(1, 0).balance()).as("a new Account(1, 0) is allowed and holds 0").isZero();

        Bank bank = new Bank();
        Account a = new Account(1, 100);
        Account b = new Account(2, 100);
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            assertThatThrownBy(() -> bank.transfer(a, b, bad)).as("transfer(Account 1 -> Account 2, %d)", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> bank.transfer(a, a, 10)).as("transfer(Account 1 -> Account 1, 10): an account to "
                + "itself").isInstanceOf(IllegalArgumentException.class);
        assertThat(a.balance()).as("Account 1 after the refused calls").isEqualTo(100);
        assertThat(b.balance()).as("Account 2 after the refused calls").isEqualTo(100);
        assertLocksFree("the refused calls threw", a, b);
    }

    private static void assertLocksFree(String after, Account... accounts) {
        for (Account account : accounts) {
            assertThat(account.lock().isLocked())
                    .as("the lock of %s is still held after %s (%s): every lock() needs its unlock(), on every "
                            + "path out of transfer", account, after, account.lock())
                    .isFalse();
        }
    }
}
