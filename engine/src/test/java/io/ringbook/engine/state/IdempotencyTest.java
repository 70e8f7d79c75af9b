package io.ringbook.engine.state;

import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.EXISTS;
import static io.ringbook.model.CreateTransferResult.ID_ALREADY_FAILED;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.engine.state.LedgerFixture.voiding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The id is the idempotency key: retries answer exists / exists_with_different_* / id_already_failed. */
class IdempotencyTest {
    private final LedgerFixture f = new LedgerFixture();

    private void twoAccounts() {
        f.givenAccount(account(1), account(2), account(3));
    }

    @Test
    void shouldAnswerExistsWithOriginalTimestampAndNotMoveMoneyAgain() {
        twoAccounts();
        final List<CreateResult> first = f.createRaw(transfer(1, 1, 2, 10));
        assertEquals(4, first.get(0).timestamp());
        f.at(5_000);
        final List<CreateResult> again = f.createRaw(transfer(1, 1, 2, 10));
        assertEquals(new CreateResult(0, 1, EXISTS.code(), 4), again.get(0));
        f.assertBalances(1, 0, 10, 0, 0);
        f.assertBalances(2, 0, 0, 0, 10);
        assertEquals(4, f.transferById(1).timestamp());
    }

    @Test
    void shouldAnswerExistsForTheSameTransferTwiceInOneRequest() {
        twoAccounts();
        assertEquals(List.of(CREATED, EXISTS), f.createAll(transfer(1, 1, 2, 10), transfer(1, 1, 2, 10)));
        f.assertBalances(1, 0, 10, 0, 0);
    }

    @Test
    void shouldCompareAnExistingTransferFieldByField() {
        twoAccounts();
        f.given(transfer(1, 1, 2, 10).userData128(1, 2).userData64(3).userData32(4));
        final Transfer.Builder same = transfer(1, 1, 2, 10).userData128(1, 2).userData64(3).userData32(4);
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_FLAGS,
            f.create(same.build().toBuilder().flags(TransferFlags.BALANCING_CREDIT)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_PENDING_ID, f.create(same.build().toBuilder()
            .pendingId(5)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_REVERSES_ID, f.create(same.build().toBuilder()
            .reversesId(5)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_TIMEOUT, f.create(same.build().toBuilder()
            .timeout(5)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID, f.create(same.build().toBuilder()
            .debitAccountId(3)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID, f.create(same.build().toBuilder()
            .creditAccountId(3)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, f.create(same.build().toBuilder()
            .amount(9)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_128, f.create(same.build().toBuilder()
            .userData128(9, 2)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_128, f.create(same.build().toBuilder()
            .userData128(1, 9)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_64, f.create(same.build().toBuilder()
            .userData64(9)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_32, f.create(same.build().toBuilder()
            .userData32(9)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_LEDGER, f.create(same.build().toBuilder()
            .ledger(9)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_CODE, f.create(same.build().toBuilder().code(9)));
        assertEquals(EXISTS, f.create(same));
        f.assertBalances(1, 0, 10, 0, 0);
    }

    @Test
    void shouldCompareFieldsInDeclarationOrder() {
        twoAccounts();
        f.given(pending(1, 1, 2, 10).timeout(60));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_FLAGS,
            f.create(transfer(1, 3, 3, 1).pendingId(4).reversesId(4).ledger(7)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_PENDING_ID,
            f.create(pending(1, 3, 3, 1).pendingId(4).reversesId(4).timeout(1)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_REVERSES_ID,
            f.create(pending(1, 3, 3, 1).reversesId(4).timeout(1)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_TIMEOUT, f.create(pending(1, 3, 3, 1).timeout(1)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID,
            f.create(pending(1, 3, 3, 1).timeout(60)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID,
            f.create(pending(1, 1, 3, 1).timeout(60)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT,
            f.create(pending(1, 1, 2, 1).timeout(60).userData64(1).ledger(7)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_64,
            f.create(pending(1, 1, 2, 10).timeout(60).userData64(1).ledger(7)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_LEDGER,
            f.create(pending(1, 1, 2, 10).timeout(60).ledger(7).code(7)));
    }

    @Test
    void shouldAnswerExistsEvenWhenTheTransferCouldNotBeCreatedNow() {
        f.givenAccount(account(1, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS), account(2), account(3));
        f.given(transfer(1, 3, 1, 10), transfer(2, 1, 2, 10));
        assertEquals(EXISTS, f.create(transfer(2, 1, 2, 10)));
        f.given(pending(3, 2, 1, 0).flags(TransferFlags.PENDING | TransferFlags.CLOSING_CREDIT));
        assertEquals(EXISTS, f.create(transfer(2, 1, 2, 10)));
        f.assertBalances(1, 0, 10, 0, 10);
    }

    @Test
    void shouldAnswerExistsForABalancingTransferRetriedWithABiggerAmount() {
        twoAccounts();
        f.given(transfer(1, 3, 1, 30));
        f.given(transfer(2, 1, 2, 100).flags(TransferFlags.BALANCING_DEBIT));
        assertEquals(30, f.transferById(2).amount());
        assertEquals(EXISTS, f.create(transfer(2, 1, 2, 100).flags(TransferFlags.BALANCING_DEBIT)));
        assertEquals(EXISTS, f.create(transfer(2, 1, 2, 500).flags(TransferFlags.BALANCING_DEBIT)));
        assertEquals(EXISTS, f.create(transfer(2, 1, 2, 30).flags(TransferFlags.BALANCING_DEBIT)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT,
            f.create(transfer(2, 1, 2, 29).flags(TransferFlags.BALANCING_DEBIT)));
        f.assertBalances(1, 0, 30, 0, 30);
    }

    @Test
    void shouldAnswerExistsForAPostRetriedWithInheritedFields() {
        twoAccounts();
        f.given(pending(1, 1, 2, 10).userData64(5).userData32(6));
        f.given(post(2, 1, Transfer.AMOUNT_MAX));
        assertEquals(EXISTS, f.create(post(2, 1, Transfer.AMOUNT_MAX)));
        assertEquals(EXISTS, f.create(post(2, 1, 10)));
        assertEquals(EXISTS, f.create(post(2, 1, Transfer.AMOUNT_MAX).debitAccountId(1).creditAccountId(2)
            .ledger(LedgerFixture.LEDGER).code(LedgerFixture.CODE).userData64(5).userData32(6)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID,
            f.create(post(2, 1, Transfer.AMOUNT_MAX).debitAccountId(3)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID,
            f.create(post(2, 1, Transfer.AMOUNT_MAX).creditAccountId(3)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, f.create(post(2, 1, 9)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_64,
            f.create(post(2, 1, Transfer.AMOUNT_MAX).userData64(7)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_LEDGER,
            f.create(post(2, 1, Transfer.AMOUNT_MAX).ledger(9)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_CODE,
            f.create(post(2, 1, Transfer.AMOUNT_MAX).code(9)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_PENDING_ID, f.create(post(2, 3, 10)));
        f.assertBalances(1, 0, 10, 0, 0);
    }

    @Test
    void shouldCompareAPartialPostRetriedWithAmountMaxAsDifferentAmount() {
        twoAccounts();
        f.given(pending(1, 1, 2, 10), post(2, 1, 6));
        assertEquals(EXISTS, f.create(post(2, 1, 6)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, f.create(post(2, 1, Transfer.AMOUNT_MAX)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, f.create(post(2, 1, 10)));
    }

    @Test
    void shouldCompareZeroUserDataOfAPostWithThePendingTransfers() {
        twoAccounts();
        f.given(pending(1, 1, 2, 10).userData64(5), post(2, 1, Transfer.AMOUNT_MAX).userData64(8));
        assertEquals(8, f.transferById(2).userData64());
        assertEquals(EXISTS, f.create(post(2, 1, Transfer.AMOUNT_MAX).userData64(8)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_USER_DATA_64,
            f.create(post(2, 1, Transfer.AMOUNT_MAX)));
    }

    @Test
    void shouldAnswerExistsForAZeroPostRetried() {
        twoAccounts();
        f.given(pending(1, 1, 2, 10), post(2, 1, 0));
        assertEquals(EXISTS, f.create(post(2, 1, 0)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, f.create(post(2, 1, Transfer.AMOUNT_MAX)));
    }

    @Test
    void shouldAnswerExistsForAVoidRetriedWithZeroOrFullAmount() {
        twoAccounts();
        f.given(pending(1, 1, 2, 10), voiding(2, 1));
        assertEquals(10, f.transferById(2).amount());
        assertEquals(EXISTS, f.create(voiding(2, 1)));
        assertEquals(EXISTS, f.create(voiding(2, 1).amount(10)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT, f.create(voiding(2, 1).amount(4)));
        assertEquals(CreateTransferResult.EXISTS_WITH_DIFFERENT_FLAGS, f.create(post(2, 1, 10)));
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldRememberATransientFailureEvenAfterTheConditionIsFixed() {
        f.givenAccounts(1);
        assertEquals(CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND, f.create(transfer(1, 1, 2, 10)));
        f.givenAccounts(2);
        assertEquals(ID_ALREADY_FAILED, f.create(transfer(1, 1, 2, 10)));
        assertEquals(ID_ALREADY_FAILED, f.create(transfer(1, 1, 2, 10)));
        assertFalse(f.transferExists(1));
        f.assertBalances(1, 0, 0, 0, 0);
        assertEquals(CREATED, f.create(transfer(2, 1, 2, 10)));
    }

    @Test
    void shouldRememberEveryTransientResult() {
        f.givenAccount(account(1), account(2), account(3, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS),
            account(4, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS), account(5, AccountFlags.CLOSED));
        f.given(transfer(100, 1, 2, 5));
        final List<Map.Entry<Transfer.Builder, CreateTransferResult>> failing = List.of(
            Map.entry(transfer(1, 9, 2, 1), CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND),
            Map.entry(transfer(2, 1, 9, 1), CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND),
            Map.entry(post(3, 99, 1), CreateTransferResult.PENDING_TRANSFER_NOT_FOUND),
            Map.entry(transfer(4, 2, 1, 1).reversesId(99), CreateTransferResult.REVERSED_TRANSFER_NOT_FOUND),
            Map.entry(transfer(5, 3, 1, 1), CreateTransferResult.EXCEEDS_CREDITS),
            Map.entry(transfer(6, 1, 4, 1), CreateTransferResult.EXCEEDS_DEBITS),
            Map.entry(transfer(7, 2, 1, 6).reversesId(100), CreateTransferResult.EXCEEDS_REVERSIBLE_AMOUNT),
            Map.entry(transfer(8, 5, 1, 1), CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED),
            Map.entry(transfer(9, 1, 5, 1), CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED));
        for (final Map.Entry<Transfer.Builder, CreateTransferResult> e : failing) {
            assertEquals(e.getValue(), f.create(e.getKey()), "first attempt");
            assertEquals(ID_ALREADY_FAILED, f.create(e.getKey()), "retry after " + e.getValue());
        }
    }

    @Test
    void shouldAnswerIdAlreadyFailedForDifferentContentWithAFailedId() {
        f.givenAccounts(1, 2);
        assertEquals(CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND, f.create(transfer(1, 9, 2, 10)));
        assertEquals(ID_ALREADY_FAILED, f.create(transfer(1, 1, 2, 3)));
        assertFalse(f.transferExists(1));
    }

    @Test
    void shouldAcceptAFixedRetryAfterANonTransientFailure() {
        f.givenAccounts(1, 2);
        assertEquals(CreateTransferResult.LEDGER_MUST_NOT_BE_ZERO, f.create(transfer(1, 1, 2, 10).ledger(0)));
        assertEquals(CREATED, f.create(transfer(1, 1, 2, 10)));
        assertEquals(CreateTransferResult.ACCOUNTS_MUST_BE_DIFFERENT, f.create(transfer(2, 1, 1, 10)));
        assertEquals(CREATED, f.create(transfer(2, 2, 1, 10)));
        f.assertBalances(1, 0, 10, 0, 10);
    }

    @Test
    void shouldAcceptARetryAfterAnOverflow() {
        f.givenAccounts(1, 2, 3);
        f.given(transfer(1, 1, 2, Long.MAX_VALUE));
        assertEquals(CreateTransferResult.OVERFLOWS_DEBITS_POSTED, f.create(transfer(2, 1, 3, 1)));
        assertEquals(CREATED, f.create(transfer(2, 3, 1, 1)));
    }
}
