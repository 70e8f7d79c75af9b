package io.ringbook.engine.state;

import io.ringbook.model.AccountFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.EXCEEDS_CREDITS;
import static io.ringbook.model.CreateTransferResult.EXCEEDS_DEBITS;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.engine.state.LedgerFixture.voiding;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Balance limits: an account with {@code debits_must_not_exceed_credits} never has pending plus posted debits above
 * its posted credits, and the mirror for {@code credits_must_not_exceed_debits}.
 */
class BalanceLimitsTest {
    /** Debits limited by credits. */
    private static final long DL = 10;
    /** Credits limited by debits. */
    private static final long CL = 20;
    private final LedgerFixture f = new LedgerFixture();

    @BeforeEach
    void accounts() {
        f.givenAccount(account(1), account(2), account(DL, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS),
            account(CL, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS));
    }

    @Test
    void shouldAllowDebitsUpToCredits() {
        f.given(transfer(1, 1, DL, 50));
        assertEquals(CREATED, f.create(transfer(2, DL, 2, 50)));
        assertEquals(EXCEEDS_CREDITS, f.create(transfer(3, DL, 2, 1)));
        f.assertBalances(DL, 0, 50, 0, 50);
    }

    @Test
    void shouldRejectAnyDebitWithoutCredits() {
        assertEquals(EXCEEDS_CREDITS, f.create(transfer(1, DL, 2, 1)));
        assertEquals(CREATED, f.create(transfer(2, DL, 2, 0)));
        f.assertBalances(DL, 0, 0, 0, 0);
        f.assertBalances(2, 0, 0, 0, 0);
    }

    @Test
    void shouldCountPendingDebitsAgainstTheLimit() {
        f.given(transfer(1, 1, DL, 100), pending(2, DL, 2, 60));
        assertEquals(EXCEEDS_CREDITS, f.create(transfer(3, DL, 2, 41)));
        assertEquals(CREATED, f.create(transfer(4, DL, 2, 40)));
        f.assertBalances(DL, 60, 40, 0, 100);
    }

    @Test
    void shouldNotCountPendingCreditsAsCover() {
        f.given(pending(1, 1, DL, 100));
        assertEquals(EXCEEDS_CREDITS, f.create(transfer(2, DL, 2, 1)));
    }

    @Test
    void shouldFreeTheLimitWhenAPendingDebitIsVoided() {
        f.given(transfer(1, 1, DL, 100), pending(2, DL, 2, 100));
        assertEquals(EXCEEDS_CREDITS, f.create(transfer(3, DL, 2, 1)));
        f.given(voiding(4, 2));
        assertEquals(CREATED, f.create(transfer(5, DL, 2, 100)));
    }

    @Test
    void shouldAllowCreditsUpToDebits() {
        f.given(transfer(1, CL, 1, 30));
        assertEquals(CREATED, f.create(transfer(2, 2, CL, 30)));
        assertEquals(EXCEEDS_DEBITS, f.create(transfer(3, 2, CL, 1)));
        f.assertBalances(CL, 0, 30, 0, 30);
    }

    @Test
    void shouldCountPendingCreditsAgainstTheMirrorLimit() {
        f.given(transfer(1, CL, 1, 30), pending(2, 2, CL, 20));
        assertEquals(EXCEEDS_DEBITS, f.create(pending(3, 2, CL, 11)));
        assertEquals(CREATED, f.create(pending(4, 2, CL, 10)));
    }

    @Test
    void shouldLimitOnlyTheSideTheFlagNames() {
        assertEquals(CREATED, f.create(transfer(1, 1, DL, 100)));
        assertEquals(CREATED, f.create(transfer(2, CL, 2, 100)));
    }

    @Test
    void shouldLeaveBalancesUnchangedWhenTheLimitIsExceeded() {
        f.given(transfer(1, 1, DL, 5));
        assertEquals(EXCEEDS_CREDITS, f.create(pending(2, DL, 2, 6)));
        f.assertBalances(DL, 0, 0, 0, 5);
        f.assertBalances(2, 0, 0, 0, 0);
    }
}
