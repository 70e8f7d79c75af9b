package io.ringbook.engine.state;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringbook.model.CreateAccountResult.CODE_MUST_NOT_BE_ZERO;
import static io.ringbook.model.CreateAccountResult.CREATED;
import static io.ringbook.model.CreateAccountResult.CREDITS_PENDING_MUST_BE_ZERO;
import static io.ringbook.model.CreateAccountResult.CREDITS_POSTED_MUST_BE_ZERO;
import static io.ringbook.model.CreateAccountResult.DEBITS_PENDING_MUST_BE_ZERO;
import static io.ringbook.model.CreateAccountResult.DEBITS_POSTED_MUST_BE_ZERO;
import static io.ringbook.model.CreateAccountResult.EXISTS;
import static io.ringbook.model.CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE;
import static io.ringbook.model.CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS;
import static io.ringbook.model.CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER;
import static io.ringbook.model.CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_128;
import static io.ringbook.model.CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_32;
import static io.ringbook.model.CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_64;
import static io.ringbook.model.CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
import static io.ringbook.model.CreateAccountResult.ID_MUST_NOT_BE_INT_MAX;
import static io.ringbook.model.CreateAccountResult.ID_MUST_NOT_BE_ZERO;
import static io.ringbook.model.CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO;
import static io.ringbook.model.CreateAccountResult.RESERVED_FLAG;
import static io.ringbook.model.CreateAccountResult.TIMESTAMP_MUST_BE_ZERO;
import static io.ringbook.engine.state.LedgerFixture.CODE;
import static io.ringbook.engine.state.LedgerFixture.LEDGER;
import static io.ringbook.engine.state.LedgerFixture.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** create_accounts: validation of each field, its precedence, and what a created account looks like. */
class CreateAccountsTest {
    private final LedgerFixture f = new LedgerFixture();

    @Test
    void shouldCreateAccountWithZeroBalancesAndItsOwnFields() {
        final Account submitted = Account.of(7, 3, 4, AccountFlags.HISTORY).withUserData(11, 12, 13, 14);
        final List<CreateResult> results = f.createAccountsRaw(submitted);
        assertEquals(new CreateResult(0, 7, CREATED.code(), 1), results.get(0));
        assertEquals(submitted.withTimestamp(1), f.accountById(7));
    }

    @Test
    void shouldApplyEachEventOfARequestIndependently() {
        assertEquals(List.of(CREATED, LEDGER_MUST_NOT_BE_ZERO, CREATED),
            f.createAccounts(account(1), Account.of(2, 0, CODE, 0), account(3)));
        assertTrue(f.accountExists(1));
        assertFalse(f.accountExists(2));
        assertTrue(f.accountExists(3));
    }

    @Test
    void shouldAcceptAnAccountCreatedClosed() {
        assertEquals(CREATED, f.createAccount(account(1, AccountFlags.CLOSED)));
        assertTrue(f.accountById(1).hasFlag(AccountFlags.CLOSED));
    }

    @Test
    void shouldAcceptUnsignedLedgerAndLargestCode() {
        assertEquals(CREATED, f.createAccount(Account.of(1, -1, 0xFFFF, 0)));
        assertEquals(-1, f.accountById(1).ledger());
        assertEquals(0xFFFF, f.accountById(1).code());
    }

    @Test
    void shouldRejectUndefinedFlagBits() {
        assertEquals(RESERVED_FLAG, f.createAccount(account(1, 1 << 6)));
        assertEquals(RESERVED_FLAG, f.createAccount(account(2, 1 << 15)));
        assertFalse(f.accountExists(1));
    }

    @Test
    void shouldRejectZeroId() {
        assertEquals(ID_MUST_NOT_BE_ZERO, f.createAccount(account(0)));
    }

    @Test
    void shouldRejectIntMaxId() {
        assertEquals(ID_MUST_NOT_BE_INT_MAX, f.createAccount(account(Long.MAX_VALUE)));
    }

    @Test
    void shouldTreatNegativeIdAsIntMax() {
        assertEquals(ID_MUST_NOT_BE_INT_MAX, f.createAccount(account(-1)));
        assertEquals(ID_MUST_NOT_BE_INT_MAX, f.createAccount(account(Long.MIN_VALUE)));
    }

    @Test
    void shouldAcceptLargestValidId() {
        assertEquals(CREATED, f.createAccount(account(Long.MAX_VALUE - 1)));
        assertTrue(f.accountExists(Long.MAX_VALUE - 1));
    }

    @Test
    void shouldRejectMutuallyExclusiveBalanceFlags() {
        assertEquals(FLAGS_ARE_MUTUALLY_EXCLUSIVE, f.createAccount(account(1,
            AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)));
    }

    @Test
    void shouldRejectEachNonZeroBalance() {
        assertEquals(DEBITS_PENDING_MUST_BE_ZERO, f.createAccount(account(1).withBalances(1, 0, 0, 0)));
        assertEquals(DEBITS_POSTED_MUST_BE_ZERO, f.createAccount(account(1).withBalances(0, 1, 0, 0)));
        assertEquals(CREDITS_PENDING_MUST_BE_ZERO, f.createAccount(account(1).withBalances(0, 0, 1, 0)));
        assertEquals(CREDITS_POSTED_MUST_BE_ZERO, f.createAccount(account(1).withBalances(0, 0, 0, 1)));
        assertFalse(f.accountExists(1));
    }

    @Test
    void shouldRejectZeroLedger() {
        assertEquals(LEDGER_MUST_NOT_BE_ZERO, f.createAccount(Account.of(1, 0, CODE, 0)));
    }

    @Test
    void shouldRejectZeroCode() {
        assertEquals(CODE_MUST_NOT_BE_ZERO, f.createAccount(Account.of(1, LEDGER, 0, 0)));
    }

    @Test
    void shouldRejectTimestampOnNonImportedAccount() {
        assertEquals(TIMESTAMP_MUST_BE_ZERO, f.createAccount(account(1).withTimestamp(5)));
    }

    @Test
    void shouldAnswerExistsWithTheOriginalTimestamp() {
        f.givenAccounts(1, 2);
        final List<CreateResult> again = f.createAccountsRaw(account(1));
        assertEquals(new CreateResult(0, 1, EXISTS.code(), 1), again.get(0));
        assertEquals(1, f.accountById(1).timestamp());
    }

    @Test
    void shouldCompareAnExistingAccountFieldByField() {
        f.givenAccount(account(1).withUserData(1, 2, 3, 4));
        final Account same = account(1).withUserData(1, 2, 3, 4);
        assertEquals(EXISTS_WITH_DIFFERENT_FLAGS, f.createAccount(same.withFlags(AccountFlags.HISTORY)));
        assertEquals(EXISTS_WITH_DIFFERENT_USER_DATA_128, f.createAccount(same.withUserData(9, 2, 3, 4)));
        assertEquals(EXISTS_WITH_DIFFERENT_USER_DATA_128, f.createAccount(same.withUserData(1, 9, 3, 4)));
        assertEquals(EXISTS_WITH_DIFFERENT_USER_DATA_64, f.createAccount(same.withUserData(1, 2, 9, 4)));
        assertEquals(EXISTS_WITH_DIFFERENT_USER_DATA_32, f.createAccount(same.withUserData(1, 2, 3, 9)));
        assertEquals(EXISTS_WITH_DIFFERENT_LEDGER,
            f.createAccount(Account.of(1, 2, CODE, 0).withUserData(1, 2, 3, 4)));
        assertEquals(EXISTS_WITH_DIFFERENT_CODE,
            f.createAccount(Account.of(1, LEDGER, 11, 0).withUserData(1, 2, 3, 4)));
        assertEquals(EXISTS, f.createAccount(same));
        assertEquals(account(1).withUserData(1, 2, 3, 4).withTimestamp(1), f.accountById(1));
    }

    @Test
    void shouldNotStoreARejectedAccount() {
        assertEquals(CODE_MUST_NOT_BE_ZERO, f.createAccount(Account.of(1, LEDGER, 0, 0)));
        assertFalse(f.accountExists(1));
        assertEquals(CREATED, f.createAccount(account(1)));
    }
}
