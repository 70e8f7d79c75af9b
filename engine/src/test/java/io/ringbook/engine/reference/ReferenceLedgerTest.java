package io.ringbook.engine.reference;

import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-checked scenarios for the reference model itself, so that the model is tested independently of the engine. */
class ReferenceLedgerTest {
    private static final int LEDGER = 1;
    private static final int CODE = 10;
    private static final long NS_PER_S = 1_000_000_000L;

    private final ReferenceLedger ledger = new ReferenceLedger(100, 1_000, 100, 100);

    private void openAccounts(final long arrivalNs, final Account... accounts) {
        for (final CreateResult r : ledger.createAccounts(List.of(accounts), arrivalNs)) {
            assertEquals(CreateAccountResult.CREATED.code(), r.status(), r.toString());
        }
    }

    private static Account account(final long id, final int flags) {
        return Account.of(id, LEDGER, CODE, flags);
    }

    private static Transfer.Builder transfer(final long id, final long debit, final long credit, final long amount) {
        return Transfer.builder().id(id).debitAccountId(debit).creditAccountId(credit).amount(amount).ledger(LEDGER)
            .code(CODE);
    }

    private CreateResult one(final Transfer t, final long arrivalNs) {
        return ledger.createTransfers(List.of(t), arrivalNs).get(0);
    }

    private static void assertStatus(final CreateTransferResult expected, final CreateResult actual) {
        assertEquals(expected.code(), actual.status(), () -> "expected " + expected + ": " + actual);
    }

    private Account lookup(final long id) {
        return ledger.lookupAccounts(id).get(0);
    }

    @Test
    void shouldTickFromArrivalTimesAndMoveBalances() {
        final List<CreateResult> created = ledger.createAccounts(List.of(account(1, 0), account(2, 0)), 1000);
        assertEquals(1000, created.get(0).timestamp());
        assertEquals(1001, created.get(1).timestamp());
        final CreateResult t = one(transfer(100, 1, 2, 50).build(), 5);
        assertStatus(CreateTransferResult.CREATED, t);
        assertEquals(1002, t.timestamp());
        assertEquals(50, lookup(1).debitsPosted());
        assertEquals(50, lookup(2).creditsPosted());
        assertEquals(5000, one(transfer(101, 1, 2, 1).build(), 5000).timestamp());
    }

    @Test
    void shouldRollBackFailedChainAndRememberOnlyTheTransientFailure() {
        openAccounts(1, account(1, 0), account(2, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS), account(3, 0));
        final List<CreateResult> results = ledger.createTransfers(List.of(
            transfer(100, 1, 3, 10).flags(TransferFlags.LINKED).build(),
            transfer(101, 2, 1, 5).flags(TransferFlags.LINKED).build(),
            transfer(102, 1, 3, 1).build(),
            transfer(103, 1, 3, 7).build()), 10);
        assertStatus(CreateTransferResult.LINKED_EVENT_FAILED, results.get(0));
        assertStatus(CreateTransferResult.EXCEEDS_CREDITS, results.get(1));
        assertStatus(CreateTransferResult.LINKED_EVENT_FAILED, results.get(2));
        assertStatus(CreateTransferResult.CREATED, results.get(3));
        assertEquals(7, lookup(1).debitsPosted());
        assertStatus(CreateTransferResult.CREATED, one(transfer(100, 1, 3, 10).build(), 20));
        assertStatus(CreateTransferResult.ID_ALREADY_FAILED, one(transfer(101, 1, 3, 5).build(), 20));
        assertStatus(CreateTransferResult.LINKED_EVENT_CHAIN_OPEN,
            one(transfer(104, 1, 3, 1).flags(TransferFlags.LINKED).build(), 30));
        assertTrue(ledger.lookupTransfers(104).isEmpty());
    }

    @Test
    void shouldBreakChainOnExistsAndRollBackEarlierEvents() {
        openAccounts(1, account(1, 0), account(2, 0));
        assertStatus(CreateTransferResult.CREATED, one(transfer(100, 1, 2, 10).build(), 10));
        final List<CreateResult> results = ledger.createTransfers(List.of(
            transfer(101, 1, 2, 1).flags(TransferFlags.LINKED).build(),
            transfer(100, 1, 2, 10).build()), 20);
        assertStatus(CreateTransferResult.LINKED_EVENT_FAILED, results.get(0));
        assertStatus(CreateTransferResult.EXISTS, results.get(1));
        assertEquals(10, lookup(1).debitsPosted());
    }

    @Test
    void shouldPostPartiallyVoidAndExpirePendingTransfers() {
        openAccounts(1, account(1, 0), account(3, 0));
        assertStatus(CreateTransferResult.CREATED, one(transfer(100, 1, 3, 100).flags(TransferFlags.PENDING).build(),
            10));
        assertEquals(100, lookup(1).debitsPending());
        final Transfer post = transfer(101, 0, 0, 40).ledger(0).code(0).pendingId(100)
            .flags(TransferFlags.POST_PENDING_TRANSFER).build();
        assertStatus(CreateTransferResult.CREATED, one(post, 20));
        assertEquals(0, lookup(1).debitsPending());
        assertEquals(40, lookup(1).debitsPosted());
        assertStatus(CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED,
            one(post.toBuilder().id(102).build(), 30));
        assertStatus(CreateTransferResult.EXISTS, one(post, 30));

        final CreateResult timed = one(transfer(103, 1, 3, 5).flags(TransferFlags.PENDING).timeout(1).build(), 1000);
        assertEquals(0, ledger.pulse(timed.timestamp() + NS_PER_S - 1));
        assertEquals(1, ledger.pulse(timed.timestamp() + NS_PER_S));
        assertEquals(0, lookup(1).debitsPending());
        assertStatus(CreateTransferResult.PENDING_TRANSFER_EXPIRED,
            one(transfer(104, 0, 0, 0).ledger(0).code(0).pendingId(103).flags(TransferFlags.VOID_PENDING_TRANSFER)
                .build(), 1));
    }

    @Test
    void shouldRefuseVoidForLessThanThePendingAmount() {
        openAccounts(1, account(1, 0), account(3, 0));
        one(transfer(100, 1, 3, 100).flags(TransferFlags.PENDING).build(), 10);
        final Transfer.Builder voiding = transfer(101, 0, 0, 99).ledger(0).code(0).pendingId(100)
            .flags(TransferFlags.VOID_PENDING_TRANSFER);
        assertStatus(CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT, one(voiding.build(), 20));
        assertStatus(CreateTransferResult.EXCEEDS_PENDING_TRANSFER_AMOUNT, one(voiding.amount(101).build(), 20));
        assertStatus(CreateTransferResult.CREATED, one(voiding.amount(0).build(), 20));
        assertEquals(100, ledger.lookupTransfers(101).get(0).amount());
        assertEquals(0, lookup(3).creditsPending());
    }

    @Test
    void shouldCapBalancingDebitAtTheCreditBalance() {
        openAccounts(1, account(1, 0), account(2, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS));
        one(transfer(100, 1, 2, 30).build(), 10);
        final CreateResult r = one(transfer(101, 2, 1, 100).flags(TransferFlags.BALANCING_DEBIT).build(), 20);
        assertStatus(CreateTransferResult.CREATED, r);
        assertEquals(30, ledger.lookupTransfers(101).get(0).amount());
        assertStatus(CreateTransferResult.EXISTS,
            one(transfer(101, 2, 1, 100).flags(TransferFlags.BALANCING_DEBIT).build(), 30));
        assertStatus(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT,
            one(transfer(101, 2, 1, 29).flags(TransferFlags.BALANCING_DEBIT).build(), 30));
    }

    @Test
    void shouldCloseWithPendingClosingTransferAndReopenOnVoid() {
        openAccounts(1, account(1, 0), account(3, 0));
        assertStatus(CreateTransferResult.CLOSING_TRANSFER_MUST_BE_PENDING,
            one(transfer(100, 1, 3, 0).flags(TransferFlags.CLOSING_DEBIT).build(), 10));
        one(transfer(101, 1, 3, 0).flags(TransferFlags.CLOSING_DEBIT | TransferFlags.PENDING).build(), 10);
        assertTrue(lookup(1).hasFlag(AccountFlags.CLOSED));
        assertEquals(CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS.code(),
            ledger.createAccounts(List.of(account(1, 0)), 15).get(0).status());
        assertStatus(CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED, one(transfer(102, 1, 3, 1).build(), 20));
        assertStatus(CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED, one(transfer(103, 3, 1, 1).build(), 20));
        final Transfer.Builder resolve = transfer(104, 0, 0, 0).ledger(0).code(0).pendingId(101);
        assertStatus(CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED,
            one(resolve.flags(TransferFlags.POST_PENDING_TRANSFER).build(), 30));
        assertStatus(CreateTransferResult.CREATED, one(resolve.id(105).flags(TransferFlags.VOID_PENDING_TRANSFER)
            .build(), 30));
        assertFalse(lookup(1).hasFlag(AccountFlags.CLOSED));
        assertEquals(CreateAccountResult.EXISTS.code(), ledger.createAccounts(List.of(account(1, 0)), 35).get(0)
            .status());
        assertStatus(CreateTransferResult.CREATED, one(transfer(106, 1, 3, 1).build(), 40));
        assertStatus(CreateTransferResult.ID_ALREADY_FAILED, one(transfer(102, 1, 3, 1).build(), 50));
    }

    @Test
    void shouldCapReversalsAtThePostedAmount() {
        openAccounts(1, account(1, 0), account(3, 0));
        one(transfer(100, 1, 3, 100).build(), 10);
        assertStatus(CreateTransferResult.CREATED, one(transfer(101, 3, 1, 60).reversesId(100).build(), 20));
        assertEquals(60, ledger.lookupTransfers(100).get(0).reversedAmount());
        assertStatus(CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT,
            one(transfer(102, 3, 1, 41).reversesId(100).build(), 30));
        assertStatus(CreateTransferResult.REVERSAL_MUST_SWAP_ACCOUNTS,
            one(transfer(103, 1, 3, 1).reversesId(100).build(), 30));
        assertStatus(CreateTransferResult.CREATED,
            one(transfer(104, 3, 1, 40).reversesId(100).flags(TransferFlags.PENDING).build(), 40));
        assertEquals(100, ledger.lookupTransfers(100).get(0).reversedAmount());
        assertStatus(CreateTransferResult.REVERSED_TRANSFER_NOT_POSTED,
            one(transfer(105, 1, 3, 1).reversesId(104).build(), 50));
        assertStatus(CreateTransferResult.CREATED, one(transfer(106, 0, 0, 10).ledger(0).code(0).pendingId(104)
            .flags(TransferFlags.POST_PENDING_TRANSFER).build(), 60));
        assertEquals(70, ledger.lookupTransfers(100).get(0).reversedAmount());
        final CreateResult balancing = one(transfer(107, 3, 1, Transfer.AMOUNT_MAX).reversesId(100)
            .flags(TransferFlags.BALANCING_CREDIT).build(), 70);
        assertStatus(CreateTransferResult.CREATED, balancing);
        assertEquals(30, ledger.lookupTransfers(107).get(0).amount());
        assertEquals(100, ledger.lookupTransfers(100).get(0).reversedAmount());
    }

    @Test
    void shouldAnswerExistsWithOriginalTimestampAndNameTheFirstDifferentField() {
        openAccounts(1, account(1, 0), account(2, 0));
        final Transfer t = transfer(100, 1, 2, 10).userData64(7).build();
        final long timestamp = one(t, 500).timestamp();
        final CreateResult again = one(t, 600);
        assertStatus(CreateTransferResult.EXISTS, again);
        assertEquals(timestamp, again.timestamp());
        assertStatus(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT,
            one(t.toBuilder().amount(11).userData64(8).build(), 700));
        assertStatus(CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_64,
            one(t.toBuilder().userData64(8).build(), 700));
        assertEquals(0, one(t.toBuilder().userData64(8).build(), 700).timestamp());
    }

    @Test
    void shouldReserveHistoryRowsForPendingResolution() {
        final ReferenceLedger small = new ReferenceLedger(10, 10, 10, 3);
        small.createAccounts(List.of(account(1, 0), account(3, AccountFlags.HISTORY)), 1);
        assertEquals(0, small.createTransfers(List.of(transfer(100, 1, 3, 5).build()), 10).get(0).status());
        assertEquals(0, small.createTransfers(List.of(transfer(101, 1, 3, 7).flags(TransferFlags.PENDING).build()),
            20).get(0).status());
        assertEquals(CreateTransferResult.HISTORY_CAPACITY_EXCEEDED.code(),
            small.createTransfers(List.of(transfer(102, 1, 3, 1).build()), 30).get(0).status());
        assertEquals(0, small.createTransfers(List.of(transfer(103, 0, 0, Transfer.AMOUNT_MAX).ledger(0).code(0)
            .pendingId(101).flags(TransferFlags.POST_PENDING_TRANSFER).build()), 40).get(0).status());
        final List<AccountBalance> rows = small.getAccountBalances(AccountFilter.of(3, 10));
        assertEquals(3, rows.size());
        assertEquals(new AccountBalance(rows.get(2).timestamp(), 0, 0, 0, 12), rows.get(2));
        assertEquals(7, rows.get(1).creditsPending());
        assertEquals(List.of(rows.get(2)), small.getAccountBalances(AccountFilter.of(3, 10)
            .withFlags(AccountFilter.CREDITS | AccountFilter.REVERSED)).subList(0, 1));
        assertTrue(small.getAccountBalances(AccountFilter.of(3, 10).withFlags(AccountFilter.DEBITS)).isEmpty());
    }

    @Test
    void shouldImportPastTimestampsThatDoNotRegress() {
        openAccounts(1000, account(1, 0), account(2, 0));
        final Transfer imported = transfer(100, 1, 2, 5).flags(TransferFlags.IMPORTED).timestamp(1500).build();
        final List<CreateResult> results = ledger.createTransfers(List.of(imported,
            imported.toBuilder().id(101).timestamp(1400).build(),
            imported.toBuilder().id(102).timestamp(5000).build(),
            imported.toBuilder().id(103).flags(0).timestamp(0).build(),
            imported.toBuilder().id(104).timestamp(0).build()), 2000);
        assertStatus(CreateTransferResult.CREATED, results.get(0));
        assertEquals(1500, results.get(0).timestamp());
        assertStatus(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS, results.get(1));
        assertStatus(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE, results.get(2));
        assertStatus(CreateTransferResult.IMPORTED_EVENT_EXPECTED, results.get(3));
        assertStatus(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE, results.get(4));
        openAccounts(10_000, account(4, 0));
        final List<CreateResult> later = ledger.createTransfers(List.of(
            imported.toBuilder().id(105).debitAccountId(4).timestamp(9000).build(),
            imported.toBuilder().id(106).creditAccountId(4).timestamp(9500).build(),
            imported.toBuilder().id(107).timestamp(10_000).build(),
            imported.toBuilder().id(108).flags(TransferFlags.IMPORTED | TransferFlags.PENDING).timeout(1)
                .timestamp(15_000).build()), 20_000);
        assertStatus(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_DEBIT_ACCOUNT, later.get(0));
        assertStatus(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_CREDIT_ACCOUNT, later.get(1));
        assertStatus(CreateTransferResult.IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS, later.get(2));
        assertStatus(CreateTransferResult.IMPORTED_EVENT_TIMEOUT_MUST_BE_ZERO, later.get(3));
    }

    @Test
    void shouldCheckAccountsInPrecedenceOrder() {
        final ReferenceLedger tiny = new ReferenceLedger(1, 10, 10, 10);
        final List<CreateResult> results = tiny.createAccounts(List.of(
            Account.of(0, LEDGER, CODE, 1 << 9),
            Account.of(-1, 0, 0, 0),
            Account.of(1, LEDGER, CODE, 0),
            Account.of(1, LEDGER, CODE + 1, AccountFlags.HISTORY),
            Account.of(1, LEDGER, CODE + 1, 0),
            Account.of(2, 0, 0, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS
                | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)), 1);
        assertEquals(CreateAccountResult.RESERVED_FLAG.code(), results.get(0).status());
        assertEquals(CreateAccountResult.ID_MUST_NOT_BE_INT_MAX.code(), results.get(1).status());
        assertEquals(CreateAccountResult.CREATED.code(), results.get(2).status());
        assertEquals(CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS.code(), results.get(3).status());
        assertEquals(CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE.code(), results.get(4).status());
        assertEquals(CreateAccountResult.ACCOUNTS_CAPACITY_EXCEEDED.code(), results.get(5).status());
    }

    @Test
    void shouldRefuseOverflowsOfBalancesAndTimeouts() {
        openAccounts(1, account(1, 0), account(2, 0), account(3, 0));
        assertStatus(CreateTransferResult.CREATED, one(transfer(100, 1, 2, Long.MAX_VALUE).build(), 10));
        assertStatus(CreateTransferResult.OVERFLOWS_DEBITS_POSTED, one(transfer(101, 1, 3, 1).build(), 20));
        assertStatus(CreateTransferResult.OVERFLOWS_CREDITS_POSTED, one(transfer(102, 3, 2, 1).build(), 20));
        openAccounts(30, account(4, 0), account(5, 0));
        final long half = Long.MAX_VALUE / 2 + 1;
        assertStatus(CreateTransferResult.CREATED, one(transfer(103, 4, 5, half).flags(TransferFlags.PENDING).build(),
            40));
        assertStatus(CreateTransferResult.OVERFLOWS_DEBITS, one(transfer(105, 4, 5, half).build(), 50));
        assertStatus(CreateTransferResult.OVERFLOWS_TIMEOUT, one(transfer(104, 3, 1, 1).flags(TransferFlags.PENDING)
            .timeout(10).build(), Long.MAX_VALUE - 5 * NS_PER_S));
    }
}
