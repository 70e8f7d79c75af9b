package io.ringbook.engine.state;

import io.ringbook.model.AccountFlags;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ringbook.model.CreateTransferResult.CLOSING_TRANSFER_MUST_BE_PENDING;
import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED;
import static io.ringbook.model.CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED;
import static io.ringbook.model.CreateTransferResult.EXISTS;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.engine.state.LedgerFixture.voiding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing transfers: pending only; they close accounts, voiding or expiry reopens them, posting is refused. */
class ClosingTest {
    private static final int CLOSE_DEBIT = TransferFlags.PENDING | TransferFlags.CLOSING_DEBIT;
    private static final int CLOSE_CREDIT = TransferFlags.PENDING | TransferFlags.CLOSING_CREDIT;
    private final LedgerFixture f = new LedgerFixture();

    @BeforeEach
    void accounts() {
        f.givenAccounts(1, 2, 3);
    }

    private boolean closed(final long id) {
        return f.accountById(id).hasFlag(AccountFlags.CLOSED);
    }

    @Test
    void shouldRequireAClosingTransferToBePending() {
        assertEquals(CLOSING_TRANSFER_MUST_BE_PENDING,
            f.create(transfer(1, 1, 2, 0).flags(TransferFlags.CLOSING_DEBIT)));
        assertEquals(CLOSING_TRANSFER_MUST_BE_PENDING,
            f.create(transfer(1, 1, 2, 0).flags(TransferFlags.CLOSING_CREDIT)));
        assertFalse(closed(1));
        assertFalse(closed(2));
    }

    @Test
    void shouldCloseTheDebitAccount() {
        f.given(pending(1, 1, 2, 5).flags(CLOSE_DEBIT));
        assertTrue(closed(1));
        assertFalse(closed(2));
        f.assertBalances(1, 5, 0, 0, 0);
    }

    @Test
    void shouldCloseTheCreditAccount() {
        f.given(pending(1, 1, 2, 0).flags(CLOSE_CREDIT));
        assertFalse(closed(1));
        assertTrue(closed(2));
    }

    @Test
    void shouldCloseBothAccounts() {
        f.given(pending(1, 1, 2, 0).flags(CLOSE_DEBIT | CLOSE_CREDIT));
        assertTrue(closed(1));
        assertTrue(closed(2));
    }

    @Test
    void shouldRejectFurtherTransfersOnAClosedAccount() {
        f.given(pending(1, 1, 2, 0).flags(CLOSE_DEBIT));
        assertEquals(DEBIT_ACCOUNT_ALREADY_CLOSED, f.create(transfer(2, 1, 3, 1)));
        assertEquals(CREDIT_ACCOUNT_ALREADY_CLOSED, f.create(transfer(3, 3, 1, 1)));
        assertEquals(DEBIT_ACCOUNT_ALREADY_CLOSED, f.create(pending(4, 1, 3, 1)));
        assertEquals(DEBIT_ACCOUNT_ALREADY_CLOSED, f.create(pending(5, 1, 3, 0).flags(CLOSE_DEBIT)));
        f.assertBalances(1, 0, 0, 0, 0);
        f.assertBalances(3, 0, 0, 0, 0);
    }

    @Test
    void shouldReopenTheAccountWhenTheClosingTransferIsVoided() {
        f.given(pending(1, 1, 2, 7).flags(CLOSE_DEBIT | CLOSE_CREDIT));
        assertEquals(CREATED, f.create(voiding(2, 1)));
        assertFalse(closed(1));
        assertFalse(closed(2));
        assertEquals(CREATED, f.create(transfer(3, 1, 2, 1)));
        f.assertBalances(1, 0, 1, 0, 0);
    }

    @Test
    void shouldRejectPostingAClosingTransfer() {
        f.given(pending(1, 1, 2, 7).flags(CLOSE_DEBIT), pending(2, 3, 2, 7).flags(CLOSE_CREDIT));
        assertEquals(DEBIT_ACCOUNT_ALREADY_CLOSED, f.create(post(3, 1, Transfer.AMOUNT_MAX)));
        assertEquals(CREDIT_ACCOUNT_ALREADY_CLOSED, f.create(post(4, 2, Transfer.AMOUNT_MAX)));
        assertTrue(closed(1));
        f.assertBalances(1, 7, 0, 0, 0);
    }

    @Test
    void shouldRejectPostingAnOlderPendingTransferOfAClosedAccountButAllowItsVoid() {
        f.given(pending(1, 1, 2, 10), pending(2, 1, 3, 0).flags(CLOSE_DEBIT));
        assertEquals(DEBIT_ACCOUNT_ALREADY_CLOSED, f.create(post(3, 1, 10)));
        assertEquals(CREATED, f.create(voiding(4, 1)));
        assertTrue(closed(1));
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldAcceptAnExistingTransferRetriedAfterItsAccountIsClosed() {
        f.given(transfer(1, 1, 2, 3), pending(2, 1, 3, 0).flags(CLOSE_DEBIT));
        assertEquals(EXISTS, f.create(transfer(1, 1, 2, 3)));
    }

    @Test
    void shouldKeepAClosedAccountClosedAfterAnotherTransferIsVoided() {
        f.given(pending(1, 3, 2, 4), pending(2, 1, 2, 0).flags(CLOSE_CREDIT));
        f.given(voiding(3, 1));
        assertTrue(closed(2));
    }
}
