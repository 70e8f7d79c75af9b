package io.ringbook.engine.state;

import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT;
import static io.ringbook.model.CreateTransferResult.ID_ALREADY_FAILED;
import static io.ringbook.model.CreateTransferResult.REVERSAL_MUST_SWAP_ACCOUNTS;
import static io.ringbook.model.CreateTransferResult.REVERSED_TRANSFER_NOT_FOUND;
import static io.ringbook.model.CreateTransferResult.REVERSED_TRANSFER_NOT_POSTED;
import static io.ringbook.model.CreateTransferResult.REVERSES_ID_MUST_BE_DIFFERENT;
import static io.ringbook.model.CreateTransferResult.REVERSES_ID_MUST_BE_ZERO;
import static io.ringbook.model.CreateTransferResult.REVERSES_ID_MUST_NOT_BE_INT_MAX;
import static io.ringbook.engine.state.LedgerFixture.SECOND_NS;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.engine.state.LedgerFixture.voiding;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Capped reversals: a transfer with {@code reverses_id} gives back part of what the original posted, with swapped
 * accounts, and all reversals of one transfer (pending ones included) never exceed its amount.
 */
class ReversalTest {
    private final LedgerFixture f = new LedgerFixture();

    /** Transfer 1 moves 100 from account 1 to account 2. */
    @BeforeEach
    void original() {
        f.givenAccounts(1, 2, 3);
        f.given(transfer(1, 1, 2, 100));
    }

    private static Transfer.Builder reversal(final long id, final long amount) {
        return transfer(id, 2, 1, amount).reversesId(1);
    }

    private long reversed(final long id) {
        return f.transferById(id).reversedAmount();
    }

    @Test
    void shouldStartWithNothingReversed() {
        assertEquals(0, reversed(1));
    }

    @Test
    void shouldReverseWithSwappedAccounts() {
        f.given(reversal(2, 100));
        assertEquals(100, reversed(1));
        f.assertBalances(1, 0, 100, 0, 100);
        f.assertBalances(2, 0, 100, 0, 100);
        assertEquals(1, f.transferById(2).reversesId());
    }

    @Test
    void shouldCapSeveralPartialReversalsByTheOriginalAmount() {
        f.given(reversal(2, 40), reversal(3, 60));
        assertEquals(100, reversed(1));
        assertEquals(EXCEEDS_REVERSIBLE_AMOUNT, f.create(reversal(4, 1)));
        assertEquals(CREATED, f.create(reversal(5, 0)));
        f.assertBalances(1, 0, 100, 0, 100);
        assertEquals(ID_ALREADY_FAILED, f.create(reversal(4, 1)));
    }

    @Test
    void shouldRejectAReversalLargerThanWhatIsLeft() {
        f.given(reversal(2, 70));
        assertEquals(EXCEEDS_REVERSIBLE_AMOUNT, f.create(reversal(3, 31)));
        assertEquals(70, reversed(1));
        assertEquals(CREATED, f.create(reversal(4, 30)));
    }

    @Test
    void shouldRequireSwappedAccounts() {
        assertEquals(REVERSAL_MUST_SWAP_ACCOUNTS, f.create(transfer(2, 1, 2, 10).reversesId(1)));
        assertEquals(REVERSAL_MUST_SWAP_ACCOUNTS, f.create(transfer(3, 2, 3, 10).reversesId(1)));
        assertEquals(REVERSAL_MUST_SWAP_ACCOUNTS, f.create(transfer(4, 3, 1, 10).reversesId(1)));
        assertEquals(0, reversed(1));
    }

    @Test
    void shouldRejectAMissingReversedTransfer() {
        assertEquals(REVERSED_TRANSFER_NOT_FOUND, f.create(transfer(2, 2, 1, 10).reversesId(99)));
    }

    @Test
    void shouldRejectReversalOfAPendingTransfer() {
        f.given(pending(2, 1, 2, 50));
        assertEquals(REVERSED_TRANSFER_NOT_POSTED, f.create(transfer(3, 2, 1, 10).reversesId(2)));
    }

    @Test
    void shouldRejectReversalOfAVoidedTransfer() {
        f.given(pending(2, 1, 2, 50), voiding(3, 2));
        assertEquals(REVERSED_TRANSFER_NOT_POSTED, f.create(transfer(4, 2, 1, 10).reversesId(2)));
        assertEquals(REVERSED_TRANSFER_NOT_POSTED, f.create(transfer(5, 2, 1, 10).reversesId(3)));
    }

    @Test
    void shouldReverseAPostUpToThePostedAmount() {
        f.given(pending(2, 1, 2, 50), post(3, 2, 30));
        assertEquals(EXCEEDS_REVERSIBLE_AMOUNT, f.create(transfer(4, 2, 1, 31).reversesId(3)));
        assertEquals(CREATED, f.create(transfer(5, 2, 1, 30).reversesId(3)));
        assertEquals(30, reversed(3));
        assertEquals(0, reversed(2));
    }

    @Test
    void shouldValidateTheReversesId() {
        assertEquals(REVERSES_ID_MUST_NOT_BE_INT_MAX, f.create(transfer(2, 2, 1, 1).reversesId(Long.MAX_VALUE)));
        assertEquals(REVERSES_ID_MUST_NOT_BE_INT_MAX, f.create(transfer(2, 2, 1, 1).reversesId(-1)));
        assertEquals(REVERSES_ID_MUST_BE_DIFFERENT, f.create(transfer(2, 2, 1, 1).reversesId(2)));
    }

    @Test
    void shouldRequireZeroReversesIdOnPostAndVoid() {
        f.given(pending(2, 1, 2, 50));
        assertEquals(REVERSES_ID_MUST_BE_ZERO, f.create(post(3, 2, 50).reversesId(1)));
        assertEquals(REVERSES_ID_MUST_BE_ZERO, f.create(voiding(3, 2).reversesId(1)));
        f.assertBalances(1, 50, 100, 0, 0);
    }

    @Test
    void shouldReserveTheReversibleAmountForAPendingReversal() {
        f.given(pending(2, 2, 1, 30).reversesId(1));
        assertEquals(30, reversed(1));
        assertEquals(EXCEEDS_REVERSIBLE_AMOUNT, f.create(reversal(3, 71)));
        assertEquals(CREATED, f.create(reversal(4, 70)));
        assertEquals(100, reversed(1));
    }

    @Test
    void shouldReleaseTheReservationWhenAPendingReversalIsVoided() {
        f.given(pending(2, 2, 1, 30).reversesId(1), voiding(3, 2));
        assertEquals(0, reversed(1));
        assertEquals(CREATED, f.create(reversal(4, 100)));
    }

    @Test
    void shouldReleaseTheRemainderWhenAPendingReversalIsPostedForLess() {
        f.given(pending(2, 2, 1, 30).reversesId(1), post(3, 2, 10));
        assertEquals(10, reversed(1));
        assertEquals(CREATED, f.create(reversal(4, 90)));
        assertEquals(100, reversed(1));
    }

    @Test
    void shouldKeepTheFullReservationWhenAPendingReversalIsPostedInFull() {
        f.given(pending(2, 2, 1, 30).reversesId(1), post(3, 2, Transfer.AMOUNT_MAX));
        assertEquals(30, reversed(1));
        f.assertBalances(1, 0, 100, 0, 30);
    }

    @Test
    void shouldReleaseTheReservationWhenAPendingReversalExpires() {
        f.given(pending(2, 2, 1, 30).reversesId(1).timeout(1));
        assertEquals(30, reversed(1));
        assertEquals(1, f.direct().pulse(f.transferById(2).timestamp() + SECOND_NS));
        assertEquals(0, reversed(1));
    }

    @Test
    void shouldClampABalancingReversalToWhatIsLeft() {
        f.given(transfer(2, 3, 2, 500), reversal(3, 70));
        f.given(reversal(4, Transfer.AMOUNT_MAX).flags(TransferFlags.BALANCING_DEBIT));
        assertEquals(30, f.transferById(4).amount());
        assertEquals(100, reversed(1));
        f.given(reversal(5, 10).flags(TransferFlags.BALANCING_CREDIT));
        assertEquals(0, f.transferById(5).amount());
    }

    @Test
    void shouldAllowReversingAReversal() {
        f.given(reversal(2, 40), transfer(3, 1, 2, 40).reversesId(2));
        assertEquals(40, reversed(2));
        assertEquals(40, reversed(1));
        f.assertBalances(1, 0, 140, 0, 40);
    }

    @Test
    void shouldLetAReversalItselfBePendingAndBalancing() {
        f.given(reversal(2, 90));
        f.given(pending(3, 2, 1, 50).reversesId(1).flags(TransferFlags.PENDING | TransferFlags.BALANCING_DEBIT));
        assertEquals(10, f.transferById(3).amount());
        assertEquals(100, reversed(1));
    }
}
