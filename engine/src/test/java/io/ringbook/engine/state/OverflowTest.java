package io.ringbook.engine.state;

import io.ringbook.model.Account;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ringbook.model.CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE;
import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.CREDIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
import static io.ringbook.model.CreateTransferResult.DEBIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
import static io.ringbook.model.CreateTransferResult.ID_MUST_NOT_BE_INT_MAX;
import static io.ringbook.model.CreateTransferResult.OVERFLOWS_CREDITS;
import static io.ringbook.model.CreateTransferResult.OVERFLOWS_CREDITS_PENDING;
import static io.ringbook.model.CreateTransferResult.OVERFLOWS_CREDITS_POSTED;
import static io.ringbook.model.CreateTransferResult.OVERFLOWS_DEBITS;
import static io.ringbook.model.CreateTransferResult.OVERFLOWS_DEBITS_PENDING;
import static io.ringbook.model.CreateTransferResult.OVERFLOWS_DEBITS_POSTED;
import static io.ringbook.model.CreateTransferResult.OVERFLOWS_TIMEOUT;
import static io.ringbook.model.CreateTransferResult.RESERVED_FLAG;
import static io.ringbook.engine.state.LedgerFixture.SECOND_NS;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 64-bit limits: balances never pass 2^63-1 (an overflows_* result instead of a wrapped number), negative amounts and
 * ids are rejected, undefined flag bits are reserved.
 */
class OverflowTest {
    private static final long MAX = Long.MAX_VALUE;
    private final LedgerFixture f = new LedgerFixture();

    @BeforeEach
    void accounts() {
        f.givenAccounts(1, 2, 3, 4);
    }

    @Test
    void shouldAcceptTheLargestAmount() {
        f.given(transfer(1, 1, 2, MAX));
        f.assertBalances(1, 0, MAX, 0, 0);
        f.assertBalances(2, 0, 0, 0, MAX);
    }

    @Test
    void shouldRejectDebitsPostedOverflow() {
        f.given(transfer(1, 1, 2, MAX));
        assertEquals(OVERFLOWS_DEBITS_POSTED, f.create(transfer(2, 1, 3, 1)));
        assertEquals(OVERFLOWS_DEBITS_POSTED, f.create(transfer(2, 1, 2, 1)));
        assertEquals(CREATED, f.create(transfer(2, 1, 3, 0)));
        f.assertBalances(1, 0, MAX, 0, 0);
    }

    @Test
    void shouldRejectCreditsPostedOverflow() {
        f.given(transfer(1, 1, 2, MAX));
        assertEquals(OVERFLOWS_CREDITS_POSTED, f.create(transfer(2, 3, 2, 1)));
        f.assertBalances(3, 0, 0, 0, 0);
    }

    @Test
    void shouldRejectPendingOverflowBeforePostedOverflow() {
        f.given(pending(1, 1, 2, MAX), transfer(2, 3, 4, MAX));
        assertEquals(OVERFLOWS_DEBITS_PENDING, f.create(pending(3, 1, 4, 1)));
        assertEquals(OVERFLOWS_CREDITS_PENDING, f.create(pending(3, 3, 2, 1)));
        f.assertBalances(1, MAX, 0, 0, 0);
    }

    @Test
    void shouldRejectAPendingTransferThatCouldNotBePosted() {
        f.given(transfer(1, 1, 2, MAX));
        assertEquals(OVERFLOWS_DEBITS_POSTED, f.create(pending(2, 1, 3, 1)));
        assertEquals(OVERFLOWS_CREDITS_POSTED, f.create(pending(2, 3, 2, 1)));
    }

    @Test
    void shouldRejectOverflowOfPendingPlusPosted() {
        f.given(pending(1, 1, 2, 5));
        assertEquals(OVERFLOWS_DEBITS, f.create(transfer(2, 1, 3, MAX - 4)));
        assertEquals(OVERFLOWS_CREDITS, f.create(transfer(2, 3, 2, MAX - 4)));
        assertEquals(CREATED, f.create(transfer(2, 1, 3, MAX - 5)));
        f.assertBalances(1, 5, MAX - 5, 0, 0);
    }

    @Test
    void shouldRejectATimeoutPastTheLargestTimestamp() {
        f.at(MAX - 1000 * SECOND_NS);
        assertEquals(OVERFLOWS_TIMEOUT, f.create(pending(1, 1, 2, 1).timeout(1001)));
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldAcceptATimeoutEndingExactlyAtTheLargestTimestamp() {
        f.at(MAX - 2 * SECOND_NS);
        assertEquals(CREATED, f.create(pending(1, 1, 2, 1).timeout(2)));
        assertEquals(0, f.direct().pulse(MAX - 1), "expires_at is 2^63-1, not a wrapped negative number");
        f.assertBalances(1, 1, 0, 0, 0);
    }

    @Test
    void shouldPostTheLargestPendingAmount() {
        f.given(pending(1, 1, 2, MAX), post(2, 1, Transfer.AMOUNT_MAX));
        f.assertBalances(1, 0, MAX, 0, 0);
    }

    @Test
    void shouldRejectNegativeAmounts() {
        assertEquals(AMOUNT_MUST_NOT_BE_NEGATIVE, f.create(transfer(1, 1, 2, -1)));
        assertEquals(AMOUNT_MUST_NOT_BE_NEGATIVE, f.create(transfer(1, 1, 2, Long.MIN_VALUE)));
        assertEquals(AMOUNT_MUST_NOT_BE_NEGATIVE, f.create(pending(1, 1, 2, -7)));
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldTreatNegativeAndMaxIdsAsIntMax() {
        assertEquals(ID_MUST_NOT_BE_INT_MAX, f.create(transfer(-1, 1, 2, 1)));
        assertEquals(ID_MUST_NOT_BE_INT_MAX, f.create(transfer(Long.MIN_VALUE, 1, 2, 1)));
        assertEquals(ID_MUST_NOT_BE_INT_MAX, f.create(transfer(MAX, 1, 2, 1)));
        assertEquals(DEBIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX, f.create(transfer(1, -2, 2, 1)));
        assertEquals(CREDIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX, f.create(transfer(1, 1, MAX, 1)));
        assertEquals(CREATED, f.create(transfer(MAX - 1, 1, 2, 1)));
        assertEquals(MAX - 1, f.transferById(MAX - 1).id());
    }

    @Test
    void shouldAcceptAccountsWithTheLargestValidId() {
        assertEquals(CreateAccountResult.CREATED, f.createAccount(account(MAX - 1)));
        assertEquals(CREATED, f.create(transfer(1, MAX - 1, 1, 1)));
    }

    @Test
    void shouldRejectEveryUndefinedTransferFlagBit() {
        for (int bit = 9; bit < 16; bit++) {
            assertEquals(RESERVED_FLAG, f.create(transfer(1, 1, 2, 1).flags(1 << bit)), "bit " + bit);
        }
        assertEquals(RESERVED_FLAG, f.create(transfer(1, 1, 2, 1).flags(TransferFlags.ALL + 1)));
        for (int bit = 6; bit < 16; bit++) {
            assertEquals(CreateAccountResult.RESERVED_FLAG, f.createAccount(Account.of(9, 1, 1, 1 << bit)),
                "bit " + bit);
        }
    }
}
