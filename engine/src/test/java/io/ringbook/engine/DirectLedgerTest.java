package io.ringbook.engine;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.state.LedgerConfig;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** End-to-end walk through the facade: the main flows a payments team uses, checked field by field. */
class DirectLedgerTest {
    private final DirectLedger ledger = new DirectLedger(LedgerConfig.of(100, 1000));

    private static Transfer transfer(final long id, final long debit, final long credit, final long amount,
                                     final int flags) {
        return Transfer.builder().id(id).debitAccountId(debit).creditAccountId(credit).amount(amount).ledger(1)
            .code(7).flags(flags).build();
    }

    @Test
    void shouldMoveMoneyHoldItPostItAndRefundIt() {
        final List<CreateResult> accounts = ledger.createAccounts(List.of(
            Account.of(1, 1, 10, 0),
            Account.of(2, 1, 20, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags.HISTORY),
            Account.of(3, 1, 20, 0)), 1_000);
        assertEquals(List.of(0, 0, 0), accounts.stream().map(CreateResult::status).toList());
        assertEquals(List.of(1_000L, 1_001L, 1_002L), accounts.stream().map(CreateResult::timestamp).toList());

        final List<CreateResult> results = ledger.createTransfers(List.of(
            transfer(10, 1, 2, 500, 0),
            transfer(11, 2, 3, 200, TransferFlags.PENDING),
            transfer(12, 2, 3, 400, 0),
            Transfer.builder().id(13).pendingId(11).amount(150).flags(TransferFlags.POST_PENDING_TRANSFER).build(),
            transfer(14, 3, 2, 100, 0).toBuilder().reversesId(13).build(),
            transfer(15, 3, 2, 100, 0).toBuilder().reversesId(13).build()), 2_000);
        assertEquals(List.of(CreateTransferResult.CREATED.code(), CreateTransferResult.CREATED.code(),
                CreateTransferResult.EXCEEDS_CREDITS.code(), CreateTransferResult.CREATED.code(),
                CreateTransferResult.CREATED.code(), CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT.code()),
            results.stream().map(CreateResult::status).toList());

        final Account payer = ledger.lookupAccounts(2).get(0);
        assertEquals(0, payer.debitsPending());
        assertEquals(150, payer.debitsPosted());
        assertEquals(500 + 100, payer.creditsPosted());
        assertEquals(100, ledger.lookupTransfers(13).get(0).reversedAmount());
        assertEquals(List.of(11L, 13L, 14L), ledger.getAccountTransfers(AccountFilter.of(3, 10)).stream()
            .map(Transfer::id).toList());
        assertEquals(List.of(14L, 13L, 11L), ledger.getAccountTransfers(AccountFilter.of(3, 10)
            .withFlags(AccountFilter.DEBITS | AccountFilter.CREDITS | AccountFilter.REVERSED)).stream()
            .map(Transfer::id).toList());
        assertEquals(4, ledger.getAccountBalances(AccountFilter.of(2, 10)).size());
        assertEquals(3, ledger.queryTransfers(QueryFilter.of(1, 7, 3)).size());
        final List<CodeTotals> totals = ledger.ledgerTotals(1);
        assertEquals(2, totals.size());
        assertEquals(BigInteger.valueOf(500), totals.get(0).debitsPosted());
        ledger.ledger().checkInvariants();
    }

    @Test
    void shouldRollBackAFailedLinkedChainAndExpireHolds() {
        ledger.createAccounts(List.of(Account.of(1, 1, 1, 0), Account.of(2, 1, 1, 0)), 10);
        final List<CreateResult> results = ledger.createTransfers(List.of(
            transfer(20, 1, 2, 5, TransferFlags.LINKED),
            transfer(21, 1, 2, 5, TransferFlags.LINKED | TransferFlags.PENDING).toBuilder().timeout(1).build(),
            transfer(22, 1, 3, 5, 0),
            transfer(23, 1, 2, 7, TransferFlags.PENDING).toBuilder().timeout(2).build()), 100);
        assertEquals(List.of(1, 1, CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND.code(), 0),
            results.stream().map(CreateResult::status).toList());
        assertEquals(List.of(), ledger.lookupTransfers(20, 21));
        assertEquals(7, ledger.lookupAccounts(1).get(0).debitsPending());
        assertEquals(0, ledger.pulse(1_000_000_000L));
        assertEquals(1, ledger.pulse(3_000_000_000L));
        assertEquals(0, ledger.lookupAccounts(1).get(0).debitsPending());
        final long hash = ledger.stateHash();
        ledger.createTransfers(List.of(transfer(24, 1, 2, 1, 0)), 4_000_000_000L);
        assertNotEquals(hash, ledger.stateHash());
        ledger.ledger().checkInvariants();
    }
}
