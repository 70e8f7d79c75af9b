package io.ringbook.engine.state;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.Test;

import static io.ringbook.engine.state.LedgerFixture.CODE;
import static io.ringbook.engine.state.LedgerFixture.LEDGER;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.engine.state.LedgerFixture.voiding;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When several conditions apply to one event, the result declared first in the enum wins. Each test sets up two (or
 * more) conditions at once and asserts the earlier one.
 */
class PrecedenceTest {
    private static final long MAX = Long.MAX_VALUE;
    private final LedgerFixture f = new LedgerFixture();

    // ------------------------------------------------------------------------------------------ create_accounts

    @Test
    void shouldPreferTimestampMustBeZeroOverReservedFlag() {
        assertEquals(CreateAccountResult.TIMESTAMP_MUST_BE_ZERO,
            f.createAccount(Account.of(0, 0, 0, 1 << 7).withTimestamp(3)));
    }

    @Test
    void shouldPreferReservedFlagOverZeroAccountId() {
        assertEquals(CreateAccountResult.RESERVED_FLAG, f.createAccount(Account.of(0, 0, 0, 1 << 7)));
    }

    @Test
    void shouldPreferZeroAccountIdOverZeroLedger() {
        assertEquals(CreateAccountResult.ID_MUST_NOT_BE_ZERO, f.createAccount(Account.of(0, 0, 0, 0)));
    }

    @Test
    void shouldPreferIntMaxAccountIdOverZeroLedger() {
        assertEquals(CreateAccountResult.ID_MUST_NOT_BE_INT_MAX, f.createAccount(Account.of(MAX, 0, CODE, 0)));
    }

    @Test
    void shouldAnswerExistsBeforeCheckingBalancesFlagsLedgerAndCode() {
        f.givenAccounts(1);
        assertEquals(CreateAccountResult.EXISTS, f.createAccount(account(1).withBalances(1, 2, 3, 4)));
        assertEquals(CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS, f.createAccount(account(1,
            AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)));
        assertEquals(CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER, f.createAccount(Account.of(1, 0, 0, 0)));
    }

    @Test
    void shouldPreferDifferentFlagsOverDifferentUserDataLedgerAndCode() {
        f.givenAccounts(1);
        assertEquals(CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS,
            f.createAccount(Account.of(1, 2, 3, AccountFlags.HISTORY).withUserData(1, 1, 1, 1)));
        assertEquals(CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_128,
            f.createAccount(Account.of(1, 2, 3, 0).withUserData(1, 1, 1, 1)));
        assertEquals(CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_64,
            f.createAccount(Account.of(1, 2, 3, 0).withUserData(0, 0, 1, 1)));
        assertEquals(CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_32,
            f.createAccount(Account.of(1, 2, 3, 0).withUserData(0, 0, 0, 1)));
        assertEquals(CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER, f.createAccount(Account.of(1, 2, 3, 0)));
    }

    @Test
    void shouldPreferMutuallyExclusiveFlagsOverNonZeroBalances() {
        assertEquals(CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE, f.createAccount(account(1,
            AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
            .withBalances(1, 1, 1, 1)));
    }

    @Test
    void shouldCheckBalancesInDeclarationOrder() {
        assertEquals(CreateAccountResult.DEBITS_PENDING_MUST_BE_ZERO,
            f.createAccount(account(1).withBalances(1, 1, 1, 1)));
        assertEquals(CreateAccountResult.DEBITS_POSTED_MUST_BE_ZERO,
            f.createAccount(account(1).withBalances(0, 1, 1, 1)));
        assertEquals(CreateAccountResult.CREDITS_PENDING_MUST_BE_ZERO,
            f.createAccount(account(1).withBalances(0, 0, 1, 1)));
    }

    @Test
    void shouldPreferNonZeroBalanceOverZeroLedger() {
        assertEquals(CreateAccountResult.CREDITS_POSTED_MUST_BE_ZERO,
            f.createAccount(Account.of(1, 0, 0, 0).withBalances(0, 0, 0, 1)));
    }

    @Test
    void shouldPreferZeroAccountLedgerOverZeroAccountCode() {
        assertEquals(CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO, f.createAccount(Account.of(1, 0, 0, 0)));
    }

    @Test
    void shouldPreferAccountsCapacityOverInvalidFields() {
        final LedgerFixture full = LedgerFixture.withCapacities(1, 10, 10, 10);
        full.givenAccounts(1);
        assertEquals(CreateAccountResult.ACCOUNTS_CAPACITY_EXCEEDED, full.createAccount(Account.of(2, 0, 0, 0)));
        assertEquals(CreateAccountResult.EXISTS, full.createAccount(account(1)));
    }

    // ------------------------------------------------------------------------------------------ create_transfers

    @Test
    void shouldPreferTimestampMustBeZeroOverZeroTransferId() {
        f.givenAccounts(1, 2);
        assertEquals(CreateTransferResult.TIMESTAMP_MUST_BE_ZERO, f.create(transfer(0, 1, 2, 1).timestamp(9)));
    }

    @Test
    void shouldPreferReservedFlagOverZeroTransferId() {
        assertEquals(CreateTransferResult.RESERVED_FLAG, f.create(transfer(0, 0, 0, 1).flags(1 << 12)));
    }

    @Test
    void shouldPreferZeroTransferIdOverZeroLedger() {
        assertEquals(CreateTransferResult.ID_MUST_NOT_BE_ZERO, f.create(transfer(0, 1, 2, 1).ledger(0)));
    }

    @Test
    void shouldAnswerExistsBeforeEverythingAfterIt() {
        f.givenAccounts(1, 2);
        f.given(transfer(1, 1, 2, 10));
        assertEquals(CreateTransferResult.EXISTS, f.create(transfer(1, 1, 2, 10)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID, f.create(transfer(1, 0, 2, 10)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, f.create(transfer(1, 1, 2, -5)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_LEDGER, f.create(transfer(1, 1, 2, 10).ledger(0)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_PENDING_ID,
            f.create(transfer(1, 1, 2, 10).pendingId(MAX)));
    }

    @Test
    void shouldPreferIdAlreadyFailedOverEverythingAfterIt() {
        f.givenAccounts(1, 2);
        assertEquals(CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND, f.create(transfer(1, 9, 2, 10)));
        assertEquals(CreateTransferResult.ID_ALREADY_FAILED, f.create(transfer(1, 0, 0, -1).ledger(0)));
    }

    @Test
    void shouldPreferZeroDebitAccountIdOverZeroCreditAccountId() {
        assertEquals(CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO, f.create(transfer(1, 0, 0, 1)));
        assertEquals(CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX, f.create(transfer(1, MAX, 0, 1)));
        assertEquals(CreateTransferResult.CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO, f.create(transfer(1, 3, 0, 1)));
    }

    @Test
    void shouldPreferIntMaxDebitAccountOverSameAccounts() {
        assertEquals(CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX, f.create(transfer(1, -4, -4, 1)));
    }

    @Test
    void shouldPreferSameAccountsOverNonZeroPendingId() {
        assertEquals(CreateTransferResult.ACCOUNTS_MUST_BE_DIFFERENT, f.create(transfer(1, 1, 1, 1).pendingId(3)));
    }

    @Test
    void shouldPreferNonZeroPendingIdOverZeroLedger() {
        assertEquals(CreateTransferResult.PENDING_ID_MUST_BE_ZERO,
            f.create(transfer(1, 1, 2, 1).pendingId(3).ledger(0)));
    }

    @Test
    void shouldPreferNonZeroPendingIdOverTimeoutWithoutPending() {
        assertEquals(CreateTransferResult.PENDING_ID_MUST_BE_ZERO,
            f.create(transfer(1, 1, 2, 1).pendingId(3).timeout(1)));
    }

    @Test
    void shouldPreferTimeoutWithoutPendingOverClosingWithoutPending() {
        assertEquals(CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER,
            f.create(transfer(1, 1, 2, 1).timeout(1).flags(TransferFlags.CLOSING_CREDIT)));
    }

    @Test
    void shouldPreferClosingWithoutPendingOverReversesIdChecks() {
        assertEquals(CreateTransferResult.CLOSING_TRANSFER_MUST_BE_PENDING,
            f.create(transfer(1, 1, 2, 1).flags(TransferFlags.CLOSING_DEBIT).reversesId(1)));
    }

    @Test
    void shouldPreferReversesIdChecksOverNegativeAmount() {
        assertEquals(CreateTransferResult.REVERSES_ID_MUST_NOT_BE_INT_MAX,
            f.create(transfer(1, 1, 2, -1).reversesId(MAX)));
        assertEquals(CreateTransferResult.REVERSES_ID_MUST_BE_DIFFERENT,
            f.create(transfer(1, 1, 2, -1).reversesId(1)));
    }

    @Test
    void shouldPreferNegativeAmountOverZeroLedger() {
        assertEquals(CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE, f.create(transfer(1, 1, 2, -1).ledger(0)));
    }

    @Test
    void shouldPreferZeroTransferLedgerOverZeroTransferCode() {
        assertEquals(CreateTransferResult.LEDGER_MUST_NOT_BE_ZERO, f.create(transfer(1, 1, 2, 1).ledger(0).code(0)));
    }

    @Test
    void shouldPreferZeroCodeOverMissingAccounts() {
        assertEquals(CreateTransferResult.CODE_MUST_NOT_BE_ZERO, f.create(transfer(1, 8, 9, 1).code(0)));
    }

    @Test
    void shouldPreferMissingDebitAccountOverMissingCreditAccount() {
        assertEquals(CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND, f.create(transfer(1, 8, 9, 1)));
    }

    @Test
    void shouldPreferMissingDebitAccountOverDifferentLedgers() {
        f.givenAccount(Account.of(2, 2, CODE, 0));
        assertEquals(CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND, f.create(transfer(1, 8, 2, 1)));
    }

    @Test
    void shouldPreferDifferentAccountLedgersOverTransferLedger() {
        f.givenAccount(account(1), Account.of(2, 2, CODE, 0));
        assertEquals(CreateTransferResult.ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER, f.create(transfer(1, 1, 2, 1)));
        assertEquals(CreateTransferResult.ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER,
            f.create(transfer(2, 1, 2, 1).ledger(2)));
    }

    @Test
    void shouldPreferMissingAccountOverMissingReversedTransfer() {
        f.givenAccounts(1);
        assertEquals(CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND, f.create(transfer(1, 1, 9, 1).reversesId(77)));
    }

    @Test
    void shouldPreferLedgerMismatchOverMissingReversedTransfer() {
        f.givenAccounts(1, 2);
        assertEquals(CreateTransferResult.TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS,
            f.create(transfer(1, 1, 2, 1).ledger(5).reversesId(77)));
    }

    @Test
    void shouldPreferReversalChecksOverClosedAccounts() {
        f.givenAccount(account(1, AccountFlags.CLOSED), account(2));
        assertEquals(CreateTransferResult.REVERSED_TRANSFER_NOT_FOUND,
            f.create(transfer(1, 1, 2, 1).reversesId(77)));
    }

    @Test
    void shouldPreferClosedDebitAccountOverClosedCreditAccount() {
        f.givenAccount(account(1, AccountFlags.CLOSED), account(2, AccountFlags.CLOSED));
        assertEquals(CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED, f.create(transfer(1, 1, 2, 1)));
    }

    @Test
    void shouldPreferClosedAccountOverOverflow() {
        f.givenAccount(account(1), account(2), account(3, AccountFlags.CLOSED));
        f.given(transfer(1, 1, 2, MAX));
        assertEquals(CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED, f.create(transfer(2, 1, 3, 1)));
    }

    @Test
    void shouldPreferOverflowOverExceedsCredits() {
        f.givenAccount(account(1, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS), account(2), account(3));
        f.given(transfer(1, 3, 1, MAX), transfer(2, 1, 2, MAX));
        assertEquals(CreateTransferResult.OVERFLOWS_DEBITS_POSTED, f.create(transfer(3, 1, 2, 1)));
    }

    @Test
    void shouldPreferExceedsCreditsOverExceedsDebits() {
        f.givenAccount(account(1, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS),
            account(2, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS));
        assertEquals(CreateTransferResult.EXCEEDS_CREDITS, f.create(transfer(1, 1, 2, 1)));
    }

    @Test
    void shouldPreferExceedsCreditsOverExceedsReversibleAmount() {
        f.givenAccount(account(1), account(2, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS), account(3));
        f.given(transfer(1, 1, 2, 100), transfer(2, 2, 3, 80));
        assertEquals(CreateTransferResult.EXCEEDS_CREDITS, f.create(transfer(3, 2, 1, 110).reversesId(1)));
    }

    @Test
    void shouldPreferExceedsReversibleAmountOverHistoryCapacity() {
        final LedgerFixture small = LedgerFixture.withCapacities(10, 10, 10, 2);
        small.givenAccount(account(1, AccountFlags.HISTORY), account(2, AccountFlags.HISTORY));
        small.given(transfer(1, 1, 2, 10));
        assertEquals(CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT, small.create(transfer(2, 2, 1, 11).reversesId(1)));
        assertEquals(CreateTransferResult.HISTORY_CAPACITY_EXCEEDED, small.create(transfer(3, 2, 1, 10).reversesId(1)));
    }

    // ------------------------------------------------------------------------------------------ post / void

    @Test
    void shouldPreferMutuallyExclusiveFlagsOverZeroPendingId() {
        assertEquals(CreateTransferResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE,
            f.create(post(1, 0, 1).flags(TransferFlags.POST_PENDING_TRANSFER | TransferFlags.PENDING)));
    }

    @Test
    void shouldTakeThePostVoidPathBeforeAccountIdChecks() {
        assertEquals(CreateTransferResult.PENDING_ID_MUST_NOT_BE_ZERO, f.create(post(1, 0, 1).debitAccountId(1)
            .creditAccountId(1)));
    }

    @Test
    void shouldCheckPostFieldsInDeclarationOrder() {
        assertEquals(CreateTransferResult.PENDING_ID_MUST_NOT_BE_INT_MAX, f.create(post(1, -3, -1).timeout(1)));
        assertEquals(CreateTransferResult.PENDING_ID_MUST_BE_DIFFERENT, f.create(post(1, 1, -1).timeout(1)));
        assertEquals(CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER,
            f.create(post(1, 2, -1).timeout(1).reversesId(3)));
        assertEquals(CreateTransferResult.REVERSES_ID_MUST_BE_ZERO, f.create(post(1, 2, -1).reversesId(3)));
        assertEquals(CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE, f.create(post(1, 2, -1)));
        assertEquals(CreateTransferResult.PENDING_TRANSFER_NOT_FOUND, f.create(post(1, 2, 1)));
    }

    @Test
    void shouldCheckPendingTransferFieldsInDeclarationOrder() {
        f.givenAccounts(1, 2, 3);
        f.given(pending(1, 1, 2, 10));
        final Transfer.Builder all = post(2, 1, 11).debitAccountId(3).creditAccountId(3).ledger(2).code(2);
        assertEquals(CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID, f.create(all));
        assertEquals(CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID,
            f.create(all.debitAccountId(1)));
        assertEquals(CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_LEDGER, f.create(all.creditAccountId(2)));
        assertEquals(CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_CODE, f.create(all.ledger(LEDGER)));
        assertEquals(CreateTransferResult.EXCEEDS_PENDING_TRANSFER_AMOUNT, f.create(all.code(CODE)));
    }

    @Test
    void shouldPreferDifferentAmountOverAlreadyPosted() {
        f.givenAccounts(1, 2);
        f.given(pending(1, 1, 2, 10), post(2, 1, Transfer.AMOUNT_MAX));
        assertEquals(CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT, f.create(voiding(3, 1).amount(4)));
        assertEquals(CreateTransferResult.EXCEEDS_PENDING_TRANSFER_AMOUNT, f.create(post(4, 1, 11)));
        assertEquals(CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED, f.create(post(5, 1, 10)));
    }

    @Test
    void shouldPreferPendingNotPendingOverDifferentAccounts() {
        f.givenAccounts(1, 2, 3);
        f.given(transfer(1, 1, 2, 10));
        assertEquals(CreateTransferResult.PENDING_TRANSFER_NOT_PENDING, f.create(post(2, 1, 1).debitAccountId(3)));
    }
}
