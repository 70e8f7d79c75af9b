package io.ringbook.engine.state;

import io.ringbook.model.AccountFlags;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ringbook.model.CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE;
import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.EXCEEDS_CREDITS;
import static io.ringbook.model.CreateTransferResult.EXCEEDS_DEBITS;
import static io.ringbook.model.CreateTransferResult.EXCEEDS_PENDING_TRANSFER_AMOUNT;
import static io.ringbook.model.CreateTransferResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
import static io.ringbook.model.CreateTransferResult.PENDING_ID_MUST_BE_DIFFERENT;
import static io.ringbook.model.CreateTransferResult.PENDING_ID_MUST_NOT_BE_INT_MAX;
import static io.ringbook.model.CreateTransferResult.PENDING_ID_MUST_NOT_BE_ZERO;
import static io.ringbook.model.CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED;
import static io.ringbook.model.CreateTransferResult.PENDING_TRANSFER_ALREADY_VOIDED;
import static io.ringbook.model.CreateTransferResult.PENDING_TRANSFER_EXPIRED;
import static io.ringbook.model.CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
import static io.ringbook.model.CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_CODE;
import static io.ringbook.model.CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
import static io.ringbook.model.CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
import static io.ringbook.model.CreateTransferResult.PENDING_TRANSFER_HAS_DIFFERENT_LEDGER;
import static io.ringbook.model.CreateTransferResult.PENDING_TRANSFER_NOT_FOUND;
import static io.ringbook.model.CreateTransferResult.PENDING_TRANSFER_NOT_PENDING;
import static io.ringbook.model.CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
import static io.ringbook.engine.state.LedgerFixture.CODE;
import static io.ringbook.engine.state.LedgerFixture.LEDGER;
import static io.ringbook.engine.state.LedgerFixture.SECOND_NS;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.engine.state.LedgerFixture.voiding;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two-phase transfers: a pending transfer reserves, a post or a void resolves it exactly once. */
class TwoPhaseTest {
    private static final long MAX = Long.MAX_VALUE;
    private final LedgerFixture f = new LedgerFixture();

    @BeforeEach
    void accounts() {
        f.givenAccount(account(1), account(2), account(3));
    }

    @Test
    void shouldReserveAmountInPendingBalances() {
        f.given(pending(1, 1, 2, 100));
        f.assertBalances(1, 100, 0, 0, 0);
        f.assertBalances(2, 0, 0, 100, 0);
        assertEquals(TransferFlags.PENDING, f.transferById(1).flags());
    }

    @Test
    void shouldPostTheFullAmount() {
        f.given(pending(1, 1, 2, 100), post(2, 1, 100));
        f.assertBalances(1, 0, 100, 0, 0);
        f.assertBalances(2, 0, 0, 0, 100);
        assertEquals(100, f.transferById(2).amount());
    }

    @Test
    void shouldPostTheFullPendingAmountForAmountMax() {
        f.given(pending(1, 1, 2, 100), post(2, 1, Transfer.AMOUNT_MAX));
        f.assertBalances(1, 0, 100, 0, 0);
        assertEquals(100, f.transferById(2).amount());
    }

    @Test
    void shouldPostPartAndReleaseTheRest() {
        f.given(pending(1, 1, 2, 100), post(2, 1, 60));
        f.assertBalances(1, 0, 60, 0, 0);
        f.assertBalances(2, 0, 0, 0, 60);
        assertEquals(60, f.transferById(2).amount());
    }

    @Test
    void shouldPostZeroAndReleaseEverythingForAmountZero() {
        f.given(pending(1, 1, 2, 100), post(2, 1, 0));
        f.assertBalances(1, 0, 0, 0, 0);
        f.assertBalances(2, 0, 0, 0, 0);
        assertEquals(0, f.transferById(2).amount());
        assertEquals(PENDING_TRANSFER_ALREADY_POSTED, f.create(post(3, 1, 0)));
    }

    @Test
    void shouldVoidAndReleaseTheWholeAmount() {
        f.given(pending(1, 1, 2, 100), voiding(2, 1));
        f.assertBalances(1, 0, 0, 0, 0);
        f.assertBalances(2, 0, 0, 0, 0);
        assertEquals(100, f.transferById(2).amount());
    }

    @Test
    void shouldVoidWithTheExactPendingAmount() {
        f.given(pending(1, 1, 2, 100));
        assertEquals(PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT, f.create(voiding(2, 1).amount(99)));
        assertEquals(EXCEEDS_PENDING_TRANSFER_AMOUNT, f.create(voiding(3, 1).amount(101)));
        assertEquals(CREATED, f.create(voiding(4, 1).amount(100)));
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldRejectPostOfMoreThanThePendingAmount() {
        f.given(pending(1, 1, 2, 100));
        assertEquals(EXCEEDS_PENDING_TRANSFER_AMOUNT, f.create(post(2, 1, 101)));
        f.assertBalances(1, 100, 0, 0, 0);
    }

    @Test
    void shouldRejectPostOfPostedTransfer() {
        f.given(pending(1, 1, 2, 100), post(2, 1, 40));
        assertEquals(PENDING_TRANSFER_ALREADY_POSTED, f.create(post(3, 1, 40)));
        assertEquals(PENDING_TRANSFER_ALREADY_POSTED, f.create(voiding(4, 1)));
        f.assertBalances(1, 0, 40, 0, 0);
    }

    @Test
    void shouldRejectPostOfVoidedTransfer() {
        f.given(pending(1, 1, 2, 100), voiding(2, 1));
        assertEquals(PENDING_TRANSFER_ALREADY_VOIDED, f.create(post(3, 1, 100)));
        assertEquals(PENDING_TRANSFER_ALREADY_VOIDED, f.create(voiding(4, 1)));
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldRejectPostAfterTheTimeoutEvenWithoutAPulse() {
        f.given(pending(1, 1, 2, 100).timeout(1));
        final long deadline = f.transferById(1).timestamp() + SECOND_NS;
        f.at(deadline - 1);
        assertEquals(CREATED, f.create(post(2, 1, 10)));
        f.given(pending(3, 1, 2, 100).timeout(1));
        f.at(f.transferById(3).timestamp() + SECOND_NS);
        assertEquals(PENDING_TRANSFER_EXPIRED, f.create(post(4, 3, 10)));
        assertEquals(PENDING_TRANSFER_EXPIRED, f.create(voiding(5, 3)));
    }

    @Test
    void shouldRejectPostOfATransferThatIsNotPending() {
        f.given(transfer(1, 1, 2, 100), pending(2, 1, 2, 100), post(3, 2, 10));
        assertEquals(PENDING_TRANSFER_NOT_PENDING, f.create(post(4, 1, 10)));
        assertEquals(PENDING_TRANSFER_NOT_PENDING, f.create(voiding(5, 3)));
    }

    @Test
    void shouldRejectPostOfAMissingTransfer() {
        assertEquals(PENDING_TRANSFER_NOT_FOUND, f.create(post(1, 77, 10)));
    }

    @Test
    void shouldInheritAccountsLedgerCodeAndUserDataFromThePendingTransfer() {
        f.given(pending(1, 1, 2, 100).userData128(1, 2).userData64(3).userData32(4).timeout(60));
        f.given(post(2, 1, 50).userData64(33));
        final Transfer p = f.transferById(2);
        assertEquals(new Transfer(2, 1, 2, 50, 1, 0, 1, 2, 33, 4, 0, LEDGER, CODE,
            TransferFlags.POST_PENDING_TRANSFER, p.timestamp(), 0), p);
    }

    @Test
    void shouldTakeUserData128WholeFromThePostWhenItIsNonZero() {
        f.given(pending(1, 1, 2, 100).userData128(1, 2), post(2, 1, 100).userData128(0, 9));
        assertEquals(0, f.transferById(2).userData128Hi());
        assertEquals(9, f.transferById(2).userData128Lo());
    }

    @Test
    void shouldAcceptPostRepeatingThePendingTransfersFields() {
        f.given(pending(1, 1, 2, 100));
        assertEquals(CREATED, f.create(post(2, 1, 100).debitAccountId(1).creditAccountId(2).ledger(LEDGER)
            .code(CODE)));
    }

    @Test
    void shouldRejectPostThatNamesDifferentFields() {
        f.given(pending(1, 1, 2, 100));
        assertEquals(PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID, f.create(post(2, 1, 1).debitAccountId(3)));
        assertEquals(PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID, f.create(post(2, 1, 1).creditAccountId(3)));
        assertEquals(PENDING_TRANSFER_HAS_DIFFERENT_LEDGER, f.create(post(2, 1, 1).ledger(2)));
        assertEquals(PENDING_TRANSFER_HAS_DIFFERENT_CODE, f.create(voiding(2, 1).code(2)));
        f.assertBalances(1, 100, 0, 0, 0);
    }

    @Test
    void shouldRejectInvalidPostFields() {
        f.given(pending(1, 1, 2, 100));
        assertEquals(PENDING_ID_MUST_NOT_BE_ZERO, f.create(post(2, 0, 1)));
        assertEquals(PENDING_ID_MUST_NOT_BE_INT_MAX, f.create(post(2, MAX, 1)));
        assertEquals(PENDING_ID_MUST_NOT_BE_INT_MAX, f.create(post(2, -1, 1)));
        assertEquals(PENDING_ID_MUST_BE_DIFFERENT, f.create(post(2, 2, 1)));
        assertEquals(TIMEOUT_RESERVED_FOR_PENDING_TRANSFER, f.create(post(2, 1, 1).timeout(5)));
        assertEquals(AMOUNT_MUST_NOT_BE_NEGATIVE, f.create(post(2, 1, -1)));
        assertEquals(AMOUNT_MUST_NOT_BE_NEGATIVE, f.create(voiding(2, 1).amount(Long.MIN_VALUE)));
        assertEquals(CREATED, f.create(post(2, 1, 1)));
    }

    @Test
    void shouldRejectPostOrVoidCombinedWithAnotherKindOfTransfer() {
        f.given(pending(1, 1, 2, 100));
        final int postFlag = TransferFlags.POST_PENDING_TRANSFER;
        assertEquals(FLAGS_ARE_MUTUALLY_EXCLUSIVE,
            f.create(post(2, 1, 1).flags(postFlag | TransferFlags.VOID_PENDING_TRANSFER)));
        final int[] others = {TransferFlags.PENDING,
            TransferFlags.BALANCING_DEBIT, TransferFlags.BALANCING_CREDIT, TransferFlags.CLOSING_DEBIT,
            TransferFlags.CLOSING_CREDIT};
        for (final int other : others) {
            assertEquals(FLAGS_ARE_MUTUALLY_EXCLUSIVE, f.create(post(2, 1, 1).flags(postFlag | other)),
                "post with flag " + other);
            assertEquals(FLAGS_ARE_MUTUALLY_EXCLUSIVE,
                f.create(voiding(2, 1).flags(TransferFlags.VOID_PENDING_TRANSFER | other)), "void with " + other);
        }
        f.assertBalances(1, 100, 0, 0, 0);
    }

    @Test
    void shouldCheckBalanceLimitsWhenReserving() {
        f.givenAccount(account(4, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS),
            account(5, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS));
        f.given(transfer(1, 1, 4, 100));
        f.given(pending(2, 4, 2, 70));
        assertEquals(EXCEEDS_CREDITS, f.create(pending(3, 4, 2, 31)));
        assertEquals(CREATED, f.create(pending(4, 4, 2, 30)));
        assertEquals(EXCEEDS_DEBITS, f.create(pending(5, 1, 5, 1)));
        f.assertBalances(4, 100, 0, 0, 100);
    }

    @Test
    void shouldNotRecheckLimitsWhenPosting() {
        f.givenAccount(account(4, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS));
        f.given(transfer(1, 1, 4, 100), pending(2, 4, 2, 100));
        assertEquals(CREATED, f.create(post(3, 2, Transfer.AMOUNT_MAX)));
        f.assertBalances(4, 0, 100, 0, 100);
    }

    @Test
    void shouldKeepSeveralPendingTransfersApart() {
        f.given(pending(1, 1, 2, 10), pending(2, 1, 2, 20), pending(3, 1, 3, 40));
        f.assertBalances(1, 70, 0, 0, 0);
        f.given(post(4, 2, 5), voiding(5, 3));
        f.assertBalances(1, 10, 5, 0, 0);
        f.assertBalances(2, 0, 0, 10, 5);
        f.assertBalances(3, 0, 0, 0, 0);
    }
}
