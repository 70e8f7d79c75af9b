package io.ringbook.engine.state;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND;
import static io.ringbook.model.CreateTransferResult.EXISTS;
import static io.ringbook.model.CreateTransferResult.HISTORY_CAPACITY_EXCEEDED;
import static io.ringbook.model.CreateTransferResult.ID_ALREADY_FAILED;
import static io.ringbook.model.CreateTransferResult.LEDGER_MUST_NOT_BE_ZERO;
import static io.ringbook.model.CreateTransferResult.LINKED_EVENT_FAILED;
import static io.ringbook.model.CreateTransferResult.TRANSFERS_CAPACITY_EXCEEDED;
import static io.ringbook.engine.state.LedgerFixture.SECOND_NS;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static io.ringbook.engine.state.LedgerFixture.voiding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Fixed capacities: running out answers a result code and changes nothing. */
class CapacityTest {

    @Test
    void shouldRejectAccountsBeyondCapacity() {
        final LedgerFixture f = LedgerFixture.withCapacities(2, 10, 10, 10);
        assertEquals(List.of(CreateAccountResult.CREATED, CreateAccountResult.CREATED,
                CreateAccountResult.ACCOUNTS_CAPACITY_EXCEEDED),
            f.createAccounts(account(1), account(2), account(3)));
        assertFalse(f.accountExists(3));
        assertEquals(CreateAccountResult.EXISTS, f.createAccount(account(1)));
        assertEquals(CreateAccountResult.ACCOUNTS_CAPACITY_EXCEEDED, f.createAccount(Account.of(4, 0, 0, 0)));
        assertEquals(CreateAccountResult.ID_MUST_NOT_BE_ZERO, f.createAccount(account(0)));
    }

    @Test
    void shouldFreeAccountCapacityOfARolledBackChain() {
        final LedgerFixture f = LedgerFixture.withCapacities(1, 10, 10, 10);
        assertEquals(List.of(CreateAccountResult.LINKED_EVENT_FAILED, CreateAccountResult.ACCOUNTS_CAPACITY_EXCEEDED),
            f.createAccounts(account(1, AccountFlags.LINKED), account(2)));
        assertEquals(CreateAccountResult.CREATED, f.createAccount(account(3)));
    }

    @Test
    void shouldRejectTransfersBeyondCapacity() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 2, 10, 10);
        f.givenAccounts(1, 2);
        assertEquals(List.of(CREATED, CREATED, TRANSFERS_CAPACITY_EXCEEDED),
            f.createAll(transfer(1, 1, 2, 1), transfer(2, 1, 2, 2), transfer(3, 1, 2, 4)));
        assertFalse(f.transferExists(3));
        f.assertBalances(1, 0, 3, 0, 0);
        assertEquals(EXISTS, f.create(transfer(2, 1, 2, 2)));
        assertEquals(TRANSFERS_CAPACITY_EXCEEDED, f.create(transfer(3, 1, 2, 4)));
    }

    @Test
    void shouldRejectAPostWhenTheTransferStoreIsFull() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 1, 10, 10);
        f.givenAccounts(1, 2);
        f.given(pending(1, 1, 2, 5));
        assertEquals(TRANSFERS_CAPACITY_EXCEEDED, f.create(post(2, 1, 5)));
        assertEquals(TRANSFERS_CAPACITY_EXCEEDED, f.create(voiding(2, 1)));
        f.assertBalances(1, 5, 0, 0, 0);
    }

    @Test
    void shouldFreeTransferCapacityOfARolledBackChain() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 1, 10, 10);
        f.givenAccounts(1, 2);
        assertEquals(List.of(LINKED_EVENT_FAILED, TRANSFERS_CAPACITY_EXCEEDED),
            f.createAll(transfer(1, 1, 2, 1).flags(TransferFlags.LINKED), transfer(2, 1, 2, 1)));
        assertFalse(f.transferExists(1));
        assertEquals(CREATED, f.create(transfer(3, 1, 2, 1)));
    }

    @Test
    void shouldRejectEveryNewTransferWhenTheFailedIdMemoryIsFull() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 1, 10);
        f.givenAccounts(1, 2);
        assertEquals(DEBIT_ACCOUNT_NOT_FOUND, f.create(transfer(1, 9, 2, 1)));
        assertEquals(TRANSFERS_CAPACITY_EXCEEDED, f.create(transfer(2, 1, 2, 1)));
        assertEquals(TRANSFERS_CAPACITY_EXCEEDED, f.create(transfer(3, 9, 2, 1)));
        assertEquals(ID_ALREADY_FAILED, f.create(transfer(1, 9, 2, 1)));
        assertFalse(f.transferExists(2));
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldNotFillTheFailedIdMemoryWithNonTransientFailures() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 1, 10);
        f.givenAccounts(1, 2);
        assertEquals(LEDGER_MUST_NOT_BE_ZERO, f.create(transfer(1, 1, 2, 1).ledger(0)));
        assertEquals(LEDGER_MUST_NOT_BE_ZERO, f.create(transfer(2, 1, 2, 1).ledger(0)));
        assertEquals(CREATED, f.create(transfer(3, 1, 2, 1)));
    }

    @Test
    void shouldRejectATransferWithoutRoomForItsHistoryRows() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 10, 3);
        f.givenAccount(account(1, AccountFlags.HISTORY), account(2, AccountFlags.HISTORY), account(3), account(4));
        f.given(transfer(1, 1, 2, 5));
        assertEquals(HISTORY_CAPACITY_EXCEEDED, f.create(transfer(2, 1, 2, 5)));
        assertEquals(CREATED, f.create(transfer(3, 1, 3, 5)));
        assertEquals(HISTORY_CAPACITY_EXCEEDED, f.create(transfer(4, 3, 2, 5)));
        assertEquals(CREATED, f.create(transfer(5, 3, 4, 5)));
        f.assertBalances(1, 0, 10, 0, 0);
        assertEquals(3, f.history(1).size() + f.history(2).size());
    }

    @Test
    void shouldReserveHistoryRowsForTheResolutionOfAPendingTransfer() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 10, 2);
        f.givenAccount(account(1, AccountFlags.HISTORY), account(2));
        assertEquals(CREATED, f.create(pending(1, 1, 2, 5)));
        assertEquals(HISTORY_CAPACITY_EXCEEDED, f.create(transfer(2, 1, 2, 1)));
        assertEquals(CREATED, f.create(post(3, 1, Transfer.AMOUNT_MAX)));
        assertEquals(2, f.history(1).size());
        f.assertBalances(1, 0, 5, 0, 0);
    }

    @Test
    void shouldReserveResolutionRowsForBothHistoryAccounts() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 10, 4);
        f.givenAccount(account(1, AccountFlags.HISTORY), account(2, AccountFlags.HISTORY));
        assertEquals(CREATED, f.create(pending(1, 1, 2, 5)));
        assertEquals(HISTORY_CAPACITY_EXCEEDED, f.create(pending(2, 1, 2, 5)));
        assertEquals(CREATED, f.create(voiding(3, 1)));
        assertEquals(List.of(2, 2), List.of(f.history(1).size(), f.history(2).size()));
    }

    @Test
    void shouldRejectAPendingTransferWithoutRoomForItsResolution() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 10, 1);
        f.givenAccount(account(1, AccountFlags.HISTORY), account(2));
        assertEquals(HISTORY_CAPACITY_EXCEEDED, f.create(pending(1, 1, 2, 5)));
        f.assertBalances(1, 0, 0, 0, 0);
        assertEquals(CREATED, f.create(transfer(2, 1, 2, 5)));
    }

    @Test
    void shouldExpireAPendingTransferWhenHistoryIsFull() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 10, 2);
        f.givenAccount(account(1, AccountFlags.HISTORY), account(2));
        f.given(pending(1, 1, 2, 5).timeout(1));
        assertEquals(1, f.direct().pulse(f.transferById(1).timestamp() + SECOND_NS));
        assertEquals(2, f.history(1).size());
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldNotUseHistoryCapacityForAccountsWithoutHistory() {
        final LedgerFixture f = LedgerFixture.withCapacities(10, 10, 10, 1);
        f.givenAccounts(1, 2);
        f.given(transfer(1, 1, 2, 1), transfer(2, 1, 2, 1), pending(3, 1, 2, 1));
        f.assertBalances(1, 1, 2, 0, 0);
    }
}
