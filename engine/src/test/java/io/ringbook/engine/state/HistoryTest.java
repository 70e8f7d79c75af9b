package io.ringbook.engine.state;

import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ringbook.engine.state.LedgerFixture.SECOND_NS;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.balances;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.engine.state.LedgerFixture.voiding;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Balance history: an account with the {@code history} flag gets one row per created transfer, post, void and
 * expiry it is part of; get_account_balances filters them like get_account_transfers.
 */
class HistoryTest {
    /** The history account. */
    private static final long H = 1;
    private final LedgerFixture f = new LedgerFixture();

    @BeforeEach
    void accounts() {
        f.givenAccount(account(H, AccountFlags.HISTORY), account(2), account(3));
    }

    private static List<Long> times(final List<AccountBalance> rows) {
        final List<Long> out = new ArrayList<>();
        for (final AccountBalance r : rows) {
            out.add(r.timestamp());
        }
        return out;
    }

    @Test
    void shouldWriteARowAfterEveryTransfer() {
        f.given(transfer(1, H, 2, 10), transfer(2, 3, H, 4));
        assertEquals(List.of(new AccountBalance(4, 0, 10, 0, 0), new AccountBalance(5, 0, 10, 0, 4)),
            f.history(H));
    }

    @Test
    void shouldWriteRowsForPendingPostAndVoid() {
        f.given(pending(1, H, 2, 10), pending(2, 3, H, 7));
        f.given(post(3, 1, 6), voiding(4, 2));
        assertEquals(List.of(new AccountBalance(4, 10, 0, 0, 0), new AccountBalance(5, 10, 0, 7, 0),
            new AccountBalance(6, 0, 6, 7, 0), new AccountBalance(7, 0, 6, 0, 0)), f.history(H));
    }

    @Test
    void shouldWriteARowAtThePulseTimeForAnExpiry() {
        f.given(pending(1, H, 2, 10).timeout(1));
        final long pulseAt = 5 * SECOND_NS;
        assertEquals(1, f.direct().pulse(pulseAt));
        assertEquals(List.of(new AccountBalance(4, 10, 0, 0, 0), new AccountBalance(pulseAt, 0, 0, 0, 0)),
            f.history(H));
    }

    @Test
    void shouldHaveNoRowsForAccountsWithoutHistory() {
        f.given(transfer(1, H, 2, 10));
        assertEquals(List.of(), f.history(2));
        assertEquals(List.of(), f.history(99));
    }

    @Test
    void shouldWriteNoRowForARejectedTransfer() {
        f.createAll(transfer(1, H, 2, 10).ledger(0), transfer(2, H, 99, 1));
        f.createAll(transfer(3, H, 2, 10).flags(TransferFlags.LINKED),
            transfer(4, H, 2, 1).code(0));
        assertEquals(List.of(), f.history(H));
    }

    @Test
    void shouldWriteRowsForBothHistoryAccounts() {
        f.givenAccount(account(4, AccountFlags.HISTORY));
        f.given(transfer(1, H, 4, 10));
        assertEquals(List.of(new AccountBalance(5, 0, 10, 0, 0)), f.history(H));
        assertEquals(List.of(new AccountBalance(5, 0, 0, 0, 10)), f.history(4));
    }

    @Test
    void shouldFilterRowsBySide() {
        f.given(transfer(1, H, 2, 10), transfer(2, 3, H, 4), transfer(3, H, 3, 1));
        final AccountFilter all = AccountFilter.of(H, 10);
        assertEquals(List.of(4L, 6L), times(f.direct().getAccountBalances(all.withFlags(AccountFilter.DEBITS))));
        assertEquals(List.of(5L), times(f.direct().getAccountBalances(all.withFlags(AccountFilter.CREDITS))));
        assertEquals(List.of(6L, 5L, 4L), times(f.direct().getAccountBalances(
            all.withFlags(AccountFilter.DEBITS | AccountFilter.CREDITS | AccountFilter.REVERSED))));
    }

    @Test
    void shouldFilterRowsByTheTransfersCodeAndUserData() {
        f.given(transfer(1, H, 2, 10).code(7).userData64(70), transfer(2, H, 2, 4).userData32(5),
            transfer(3, H, 2, 1).userData128(8, 9));
        assertEquals(List.of(4L), times(f.direct().getAccountBalances(
            new AccountFilter(H, 0, 0, 0, 0, 7, 0, 0, 10, AccountFilter.DEBITS))));
        assertEquals(List.of(4L), times(f.direct().getAccountBalances(
            new AccountFilter(H, 0, 0, 70, 0, 0, 0, 0, 10, AccountFilter.DEBITS))));
        assertEquals(List.of(5L), times(f.direct().getAccountBalances(
            new AccountFilter(H, 0, 0, 0, 5, 0, 0, 0, 10, AccountFilter.DEBITS))));
        assertEquals(List.of(6L), times(f.direct().getAccountBalances(
            new AccountFilter(H, 8, 9, 0, 0, 0, 0, 0, 10, AccountFilter.DEBITS))));
    }

    @Test
    void shouldMatchAnExpiryRowByThePendingTransfersCode() {
        f.given(pending(1, H, 2, 10).timeout(1).code(7), transfer(2, H, 2, 1));
        f.direct().pulse(10 * SECOND_NS);
        final List<AccountBalance> rows = f.direct().getAccountBalances(
            new AccountFilter(H, 0, 0, 0, 0, 7, 0, 0, 10, AccountFilter.DEBITS));
        assertEquals(List.of(4L, 10 * SECOND_NS), times(rows));
        assertEquals(List.of(0L, 1L, 0L, 0L), balances(rows.get(1)));
    }

    @Test
    void shouldFilterRowsByTimestampRangeAndLimit() {
        f.given(transfer(1, H, 2, 1), transfer(2, H, 2, 1), transfer(3, H, 2, 1), transfer(4, H, 2, 1));
        final AccountFilter all = AccountFilter.of(H, 10);
        assertEquals(List.of(5L, 6L), times(f.direct().getAccountBalances(all.withTimestampRange(5, 6))));
        assertEquals(List.of(6L, 7L), times(f.direct().getAccountBalances(all.withTimestampRange(6, 0))));
        assertEquals(List.of(4L, 5L), times(f.direct().getAccountBalances(AccountFilter.of(H, 2))));
        assertEquals(List.of(7L, 6L), times(f.direct().getAccountBalances(
            AccountFilter.of(H, 2).withFlags(AccountFilter.DEBITS | AccountFilter.CREDITS | AccountFilter.REVERSED))));
    }

    @Test
    void shouldReturnNothingForAnInvalidFilter() {
        f.given(transfer(1, H, 2, 1));
        final AccountFilter all = AccountFilter.of(H, 10);
        assertEquals(List.of(), f.direct().getAccountBalances(AccountFilter.of(H, 0)));
        assertEquals(List.of(), f.direct().getAccountBalances(all.withFlags(0)));
        assertEquals(List.of(), f.direct().getAccountBalances(all.withFlags(AccountFilter.ALL + 1)));
        assertEquals(List.of(), f.direct().getAccountBalances(all.withTimestampRange(5, 4)));
        assertEquals(List.of(), f.direct().getAccountBalances(all.withTimestampRange(Long.MAX_VALUE, 0)));
        assertEquals(1, f.direct().getAccountBalances(all).size());
    }

    @Test
    void shouldRecordTheAmountMaxPostAsTheFullAmount() {
        f.given(pending(1, H, 2, 10), post(2, 1, Transfer.AMOUNT_MAX));
        assertEquals(List.of(0L, 10L, 0L, 0L), balances(f.history(H).get(1)));
    }
}
