package io.ringbook.engine.state;

import io.ringbook.model.AccountFilter;
import io.ringbook.model.CreateResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ringbook.engine.state.LedgerFixture.LEDGER;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The clock: every event of a create request takes one tick {@code max(last + 1, arrival)}, whatever its outcome;
 * reads never tick.
 */
class TimestampTest {
    private final LedgerFixture f = new LedgerFixture();

    private static List<Long> timestamps(final List<CreateResult> results) {
        final List<Long> out = new ArrayList<>();
        for (final CreateResult r : results) {
            out.add(r.timestamp());
        }
        return out;
    }

    @Test
    void shouldNumberEventsFromOneWhenArrivalIsZero() {
        assertEquals(List.of(1L, 2L, 3L), timestamps(f.createAccountsRaw(account(1), account(2), account(3))));
        assertEquals(List.of(4L, 5L), timestamps(f.createRaw(transfer(1, 1, 2, 1), transfer(2, 1, 2, 1))));
        assertEquals(4, f.transferById(1).timestamp());
        assertEquals(3, f.accountById(3).timestamp());
    }

    @Test
    void shouldUseTheArrivalTimeWhenItIsAhead() {
        assertEquals(List.of(1_000L, 1_001L, 1_002L),
            timestamps(f.at(1_000).createAccountsRaw(account(1), account(2), account(3))));
        assertEquals(List.of(5_000L), timestamps(f.at(5_000).createRaw(transfer(1, 1, 2, 1))));
    }

    @Test
    void shouldStayStrictlyIncreasingWhenArrivalGoesBack() {
        f.at(1_000).givenAccounts(1, 2);
        assertEquals(List.of(1_002L), timestamps(f.at(500).createRaw(transfer(1, 1, 2, 1))));
        assertEquals(List.of(1_003L), timestamps(f.at(1_003).createRaw(transfer(2, 1, 2, 1))));
    }

    @Test
    void shouldTickForEveryEventEvenWhenItFails() {
        f.givenAccounts(1, 2);
        final List<CreateResult> results = f.createRaw(transfer(1, 1, 2, 1), transfer(2, 1, 2, 1).ledger(0),
            transfer(3, 1, 2, 1));
        assertEquals(List.of(3L, 0L, 5L), timestamps(results));
        assertEquals(List.of(6L), timestamps(f.createRaw(transfer(4, 1, 2, 1))));
    }

    @Test
    void shouldTickForEventsOfARolledBackChain() {
        f.givenAccounts(1, 2);
        assertEquals(List.of(0L, 0L), timestamps(f.createRaw(transfer(1, 1, 2, 1).flags(TransferFlags.LINKED),
            transfer(2, 1, 2, 1).ledger(0))));
        assertEquals(List.of(5L), timestamps(f.createRaw(transfer(3, 1, 2, 1))));
    }

    @Test
    void shouldTickForExistsAndReturnTheOriginalTimestamp() {
        f.givenAccounts(1, 2);
        f.given(transfer(1, 1, 2, 1));
        assertEquals(List.of(3L), timestamps(f.createRaw(transfer(1, 1, 2, 1))));
        assertEquals(List.of(5L), timestamps(f.createRaw(transfer(2, 1, 2, 1))));
        assertEquals(List.of(1L), timestamps(f.createAccountsRaw(account(1))));
        assertEquals(List.of(7L), timestamps(f.createRaw(transfer(3, 1, 2, 1))));
    }

    @Test
    void shouldNotTickForReads() {
        f.givenAccounts(1, 2);
        f.given(transfer(1, 1, 2, 1));
        f.direct().lookupAccounts(1, 2);
        f.direct().lookupTransfers(1);
        f.direct().getAccountTransfers(AccountFilter.of(1, 10));
        f.direct().getAccountBalances(AccountFilter.of(1, 10));
        f.direct().queryAccounts(QueryFilter.of(LEDGER, 0, 10));
        f.direct().queryTransfers(QueryFilter.of(LEDGER, 0, 10));
        f.direct().ledgerTotals(LEDGER);
        f.direct().stateHash();
        assertEquals(List.of(4L), timestamps(f.createRaw(transfer(2, 1, 2, 1))));
    }

    @Test
    void shouldShareOneClockBetweenAccountsAndTransfers() {
        f.givenAccounts(1, 2);
        f.given(transfer(1, 1, 2, 1));
        assertEquals(List.of(4L), timestamps(f.createAccountsRaw(account(3))));
    }
}
