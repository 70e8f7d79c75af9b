package io.ringbook.engine.state;

import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.PENDING_TRANSFER_EXPIRED;
import static io.ringbook.engine.state.LedgerFixture.SECOND_NS;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.engine.state.LedgerFixture.voiding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pending transfers with a timeout expire at {@code timestamp + timeout * 10^9} when a pulse (or the clock) reaches
 * it: amounts are released, closed accounts reopened, and the expiry takes a tick of its own.
 */
class ExpiryTest {
    /** The pending transfers below are created at this arrival time, so their timestamp is exactly this. */
    private static final long START = 1_000_000L;
    private final LedgerFixture f = new LedgerFixture();

    @BeforeEach
    void accounts() {
        f.givenAccount(account(1), account(2), account(3, AccountFlags.HISTORY));
        f.at(START);
    }

    @Test
    void shouldNotExpireBeforeTheDeadline() {
        f.given(pending(1, 1, 2, 10).timeout(2));
        assertEquals(START, f.transferById(1).timestamp());
        assertEquals(0, f.direct().pulse(START + 2 * SECOND_NS - 1));
        f.assertBalances(1, 10, 0, 0, 0);
        assertEquals(CREATED, f.at(0).create(post(2, 1, 10)));
    }

    @Test
    void shouldExpireAtTheDeadlineAndReleaseTheAmounts() {
        f.given(pending(1, 1, 2, 10).timeout(2));
        assertEquals(1, f.direct().pulse(START + 2 * SECOND_NS));
        f.assertBalances(1, 0, 0, 0, 0);
        f.assertBalances(2, 0, 0, 0, 0);
    }

    @Test
    void shouldRejectPostAndVoidOfAnExpiredTransfer() {
        f.given(pending(1, 1, 2, 10).timeout(1));
        assertEquals(1, f.direct().pulse(START + SECOND_NS));
        f.at(0);
        assertEquals(PENDING_TRANSFER_EXPIRED, f.create(post(2, 1, 10)));
        assertEquals(PENDING_TRANSFER_EXPIRED, f.create(voiding(3, 1)));
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldExpireOnlyOnce() {
        f.given(pending(1, 1, 2, 10).timeout(1));
        assertEquals(1, f.direct().pulse(START + SECOND_NS));
        assertEquals(0, f.direct().pulse(START + 5 * SECOND_NS));
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldNeverExpireWithoutATimeout() {
        f.given(pending(1, 1, 2, 10));
        assertEquals(0, f.direct().pulse(Long.MAX_VALUE - 1));
        f.assertBalances(1, 10, 0, 0, 0);
    }

    @Test
    void shouldNotExpireAResolvedTransfer() {
        f.given(pending(1, 1, 2, 10).timeout(1), pending(2, 1, 2, 20).timeout(1));
        f.given(post(3, 1, 4), voiding(4, 2));
        assertEquals(0, f.direct().pulse(START + 10 * SECOND_NS));
        f.assertBalances(1, 0, 4, 0, 0);
    }

    @Test
    void shouldExpireByTheClockWhenThePulseArrivalIsOlder() {
        f.given(pending(1, 1, 2, 10).timeout(1));
        f.at(START + 3 * SECOND_NS).given(transfer(2, 1, 2, 1));
        assertEquals(1, f.direct().pulse(0));
        f.assertBalances(1, 0, 1, 0, 0);
    }

    @Test
    void shouldReadTheTimeoutAsUnsignedSeconds() {
        f.given(pending(1, 1, 2, 10).timeout(-1));
        final long deadline = START + 0xFFFF_FFFFL * SECOND_NS;
        assertEquals(0, f.direct().pulse(deadline - 1));
        assertEquals(1, f.direct().pulse(deadline));
    }

    @Test
    void shouldExpireInDeadlineOrderEachWithItsOwnTick() {
        f.given(pending(1, 3, 2, 10).timeout(3), pending(2, 3, 2, 20).timeout(1), pending(3, 3, 2, 40).timeout(3));
        final long pulseAt = START + 10 * SECOND_NS;
        assertEquals(3, f.direct().pulse(pulseAt));
        final List<AccountBalance> rows = f.history(3);
        assertEquals(6, rows.size());
        assertEquals(List.of(pulseAt, pulseAt + 1, pulseAt + 2),
            List.of(rows.get(3).timestamp(), rows.get(4).timestamp(), rows.get(5).timestamp()));
        assertEquals(List.of(50L, 40L, 0L), List.of(rows.get(3).debitsPending(), rows.get(4).debitsPending(),
            rows.get(5).debitsPending()));
        assertEquals(pulseAt + 3, f.at(0).createRaw(transfer(4, 1, 2, 1)).get(0).timestamp());
    }

    @Test
    void shouldExpireEqualDeadlinesInPendingTimestampOrder() {
        f.given(pending(9, 3, 2, 10).timeout(2));
        f.at(START + SECOND_NS).given(pending(1, 3, 2, 20).timeout(1));
        assertEquals(f.transferById(9).timestamp() + 2 * SECOND_NS, f.transferById(1).timestamp() + SECOND_NS);
        assertEquals(2, f.direct().pulse(START + 2 * SECOND_NS));
        final List<AccountBalance> rows = f.history(3);
        assertEquals(List.of(20L, 0L), List.of(rows.get(2).debitsPending(), rows.get(3).debitsPending()),
            "transfer 9 (older) expires first, then transfer 1");
    }

    @Test
    void shouldNotTickWhenNothingExpires() {
        f.given(pending(1, 1, 2, 10).timeout(1));
        assertEquals(0, f.direct().pulse(START + 100));
        assertEquals(START + 1, f.at(0).createRaw(transfer(2, 1, 2, 1)).get(0).timestamp());
    }

    @Test
    void shouldReopenAccountsClosedByTheExpiredTransfer() {
        f.given(pending(1, 1, 2, 0).timeout(1)
            .flags(TransferFlags.PENDING | TransferFlags.CLOSING_DEBIT | TransferFlags.CLOSING_CREDIT));
        assertTrue(f.accountById(1).hasFlag(AccountFlags.CLOSED));
        assertTrue(f.accountById(2).hasFlag(AccountFlags.CLOSED));
        assertEquals(1, f.direct().pulse(START + SECOND_NS));
        assertFalse(f.accountById(1).hasFlag(AccountFlags.CLOSED));
        assertFalse(f.accountById(2).hasFlag(AccountFlags.CLOSED));
        assertEquals(CREATED, f.at(0).create(transfer(2, 1, 2, 5)));
    }

    @Test
    void shouldExpireOnlyTransfersWhoseDeadlineHasPassed() {
        f.given(pending(1, 1, 2, 10).timeout(1), pending(2, 1, 2, 20).timeout(5));
        assertEquals(1, f.direct().pulse(START + 2 * SECOND_NS));
        f.assertBalances(1, 20, 0, 0, 0);
        assertEquals(1, f.direct().pulse(START + 6 * SECOND_NS));
        f.assertBalances(1, 0, 0, 0, 0);
    }
}
