package io.ringbook.engine.state;

import io.ringbook.model.AccountFlags;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.EXCEEDS_DEBITS;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Balancing transfers move at most {@code amount}: as much as the debit account's spare credit
 * ({@code balancing_debit}) or the credit account's spare debit ({@code balancing_credit}) allows, possibly zero.
 */
class BalancingTest {
    private static final int BD = TransferFlags.BALANCING_DEBIT;
    private static final int BC = TransferFlags.BALANCING_CREDIT;
    private final LedgerFixture f = new LedgerFixture();

    @BeforeEach
    void accounts() {
        f.givenAccount(account(1), account(2), account(3), account(4, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS));
    }

    @Test
    void shouldMoveTheFullAmountWhenItIsAvailable() {
        f.given(transfer(1, 3, 1, 100), transfer(2, 1, 2, 30).flags(BD));
        assertEquals(30, f.transferById(2).amount());
        f.assertBalances(1, 0, 30, 0, 100);
    }

    @Test
    void shouldMoveOnlyWhatTheDebitAccountsCreditAllows() {
        f.given(transfer(1, 3, 1, 100), transfer(2, 1, 2, 1000).flags(BD));
        assertEquals(100, f.transferById(2).amount());
        f.assertBalances(1, 0, 100, 0, 100);
        f.assertBalances(2, 0, 0, 0, 100);
    }

    @Test
    void shouldMoveEverythingAvailableForAmountMax() {
        f.given(transfer(1, 3, 1, 77), transfer(2, 1, 2, Transfer.AMOUNT_MAX).flags(BD));
        assertEquals(77, f.transferById(2).amount());
    }

    @Test
    void shouldMoveZeroWhenNothingIsAvailable() {
        f.given(transfer(1, 3, 1, 50), transfer(2, 1, 2, 50));
        assertEquals(CREATED, f.create(transfer(3, 1, 2, 10).flags(BD)));
        assertEquals(0, f.transferById(3).amount());
        f.assertBalances(1, 0, 50, 0, 50);
    }

    @Test
    void shouldMoveZeroWhenDebitsAlreadyExceedCredits() {
        f.given(transfer(1, 1, 2, 80), transfer(2, 3, 1, 50));
        assertEquals(CREATED, f.create(transfer(3, 1, 2, 10).flags(BD)));
        assertEquals(0, f.transferById(3).amount());
    }

    @Test
    void shouldCountPendingDebitsAsUsed() {
        f.given(transfer(1, 3, 1, 100), pending(2, 1, 3, 40), transfer(3, 1, 2, 1000).flags(BD));
        assertEquals(60, f.transferById(3).amount());
        f.assertBalances(1, 40, 60, 0, 100);
    }

    @Test
    void shouldNotCountPendingCreditsAsAvailable() {
        f.given(pending(1, 3, 1, 100), transfer(2, 1, 2, 1000).flags(BD));
        assertEquals(0, f.transferById(2).amount());
    }

    @Test
    void shouldMoveOnlyWhatTheCreditAccountsDebitAllows() {
        f.given(transfer(1, 2, 3, 100), pending(2, 3, 2, 30), transfer(3, 1, 2, 1000).flags(BC));
        assertEquals(70, f.transferById(3).amount());
        f.assertBalances(2, 0, 100, 30, 70);
    }

    @Test
    void shouldTakeTheSmallerOfBothLimitsWithBothFlags() {
        f.given(transfer(1, 3, 1, 50), transfer(2, 2, 3, 20), transfer(3, 1, 2, 1000).flags(BD | BC));
        assertEquals(20, f.transferById(3).amount());
    }

    @Test
    void shouldReserveABalancedAmountWhenPending() {
        f.given(transfer(1, 3, 1, 25), pending(2, 1, 2, 1000).flags(TransferFlags.PENDING | BD));
        assertEquals(25, f.transferById(2).amount());
        f.assertBalances(1, 25, 0, 0, 25);
        f.given(transfer(3, 1, 2, 1000).flags(BD));
        assertEquals(0, f.transferById(3).amount());
    }

    @Test
    void shouldNeverExceedTheLimitOfALimitedAccount() {
        f.given(transfer(1, 3, 4, 60), transfer(2, 4, 2, Transfer.AMOUNT_MAX).flags(BD));
        assertEquals(60, f.transferById(2).amount());
        f.assertBalances(4, 0, 60, 0, 60);
    }

    @Test
    void shouldStillCheckTheOtherAccountsLimit() {
        f.givenAccount(account(5, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS));
        f.given(transfer(1, 3, 1, 60));
        assertEquals(EXCEEDS_DEBITS, f.create(transfer(2, 1, 5, 10).flags(BD)));
        f.assertBalances(1, 0, 0, 0, 60);
    }
}
