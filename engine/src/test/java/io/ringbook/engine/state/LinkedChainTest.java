package io.ringbook.engine.state;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringbook.model.CreateTransferResult.CREATED;
import static io.ringbook.model.CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND;
import static io.ringbook.model.CreateTransferResult.EXCEEDS_CREDITS;
import static io.ringbook.model.CreateTransferResult.EXISTS;
import static io.ringbook.model.CreateTransferResult.ID_ALREADY_FAILED;
import static io.ringbook.model.CreateTransferResult.LEDGER_MUST_NOT_BE_ZERO;
import static io.ringbook.model.CreateTransferResult.LINKED_EVENT_CHAIN_OPEN;
import static io.ringbook.model.CreateTransferResult.LINKED_EVENT_FAILED;
import static io.ringbook.engine.state.LedgerFixture.CODE;
import static io.ringbook.engine.state.LedgerFixture.account;
import static io.ringbook.engine.state.LedgerFixture.pending;
import static io.ringbook.engine.state.LedgerFixture.post;
import static io.ringbook.engine.state.LedgerFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Linked chains: all or nothing, in order, each event seeing the previous one. */
class LinkedChainTest {
    private static final int L = TransferFlags.LINKED;
    private final LedgerFixture f = new LedgerFixture();

    private void accounts() {
        f.givenAccount(account(1), account(2), account(3, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS));
    }

    @Test
    void shouldCreateEveryEventOfASuccessfulChain() {
        accounts();
        assertEquals(List.of(CREATED, CREATED, CREATED),
            f.createAll(transfer(1, 1, 2, 10).flags(L), transfer(2, 1, 2, 20).flags(L), transfer(3, 2, 1, 5)));
        f.assertBalances(1, 0, 30, 0, 5);
    }

    @Test
    void shouldRollBackTheWholeChainWhenItsLastEventFails() {
        accounts();
        final List<CreateResult> results = f.createRaw(transfer(1, 1, 2, 10).flags(L),
            transfer(2, 1, 2, 20).flags(L), transfer(3, 1, 2, 5).ledger(0));
        assertEquals(List.of(LINKED_EVENT_FAILED, LINKED_EVENT_FAILED, LEDGER_MUST_NOT_BE_ZERO),
            List.of(LedgerFixture.transferCode(results.get(0)), LedgerFixture.transferCode(results.get(1)),
                LedgerFixture.transferCode(results.get(2))));
        for (final CreateResult r : results) {
            assertEquals(0, r.timestamp(), "a failed event carries no timestamp");
        }
        assertFalse(f.transferExists(1));
        assertFalse(f.transferExists(2));
        f.assertBalances(1, 0, 0, 0, 0);
        f.assertBalances(2, 0, 0, 0, 0);
    }

    @Test
    void shouldFailTheRestOfTheChainAfterTheFailingEvent() {
        accounts();
        assertEquals(List.of(LINKED_EVENT_FAILED, LEDGER_MUST_NOT_BE_ZERO, LINKED_EVENT_FAILED, LINKED_EVENT_FAILED),
            f.createAll(transfer(1, 1, 2, 10).flags(L), transfer(2, 1, 2, 20).flags(L).ledger(0),
                transfer(3, 1, 2, 5).flags(L), transfer(4, 1, 2, 5)));
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldNotAffectEventsBeforeOrAfterAFailedChain() {
        accounts();
        assertEquals(List.of(CREATED, LINKED_EVENT_FAILED, LEDGER_MUST_NOT_BE_ZERO, CREATED),
            f.createAll(transfer(1, 1, 2, 1), transfer(2, 1, 2, 10).flags(L), transfer(3, 1, 2, 20).ledger(0),
                transfer(4, 1, 2, 100)));
        f.assertBalances(1, 0, 101, 0, 0);
    }

    @Test
    void shouldKeepTwoChainsOfOneRequestIndependent() {
        accounts();
        assertEquals(List.of(CREATED, CREATED, LINKED_EVENT_FAILED, CREDIT_ACCOUNT_NOT_FOUND),
            f.createAll(transfer(1, 1, 2, 1).flags(L), transfer(2, 1, 2, 2), transfer(3, 1, 2, 4).flags(L),
                transfer(4, 1, 9, 8)));
        f.assertBalances(1, 0, 3, 0, 0);
    }

    @Test
    void shouldFailAChainLeftOpenAtTheEndOfTheRequest() {
        accounts();
        assertEquals(List.of(LINKED_EVENT_CHAIN_OPEN), f.createAll(transfer(1, 1, 2, 10).flags(L)));
        assertEquals(List.of(CREATED, LINKED_EVENT_CHAIN_OPEN),
            f.createAll(transfer(2, 1, 2, 10), transfer(3, 1, 2, 20).flags(L)));
        assertEquals(List.of(LINKED_EVENT_FAILED, LINKED_EVENT_CHAIN_OPEN),
            f.createAll(transfer(4, 1, 2, 10).flags(L), transfer(5, 1, 2, 20).flags(L)));
        assertFalse(f.transferExists(1));
        assertFalse(f.transferExists(4));
        f.assertBalances(1, 0, 10, 0, 0);
    }

    @Test
    void shouldLetAnEventSeeTheEffectOfThePreviousOneInTheChain() {
        accounts();
        assertEquals(EXCEEDS_CREDITS, f.create(transfer(1, 3, 2, 50)));
        assertEquals(List.of(CREATED, CREATED), f.createAll(transfer(2, 1, 3, 50).flags(L), transfer(3, 3, 2, 50)));
        f.assertBalances(3, 0, 50, 0, 50);
    }

    @Test
    void shouldRollBackCreditThatALaterEventInTheChainCouldNotSpend() {
        accounts();
        assertEquals(List.of(LINKED_EVENT_FAILED, EXCEEDS_CREDITS),
            f.createAll(transfer(1, 1, 3, 50).flags(L), transfer(2, 3, 2, 51)));
        f.assertBalances(3, 0, 0, 0, 0);
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldNotRememberIdsOfRolledBackEvents() {
        accounts();
        f.createAll(transfer(1, 1, 2, 10).flags(L), transfer(2, 1, 2, 10).ledger(0));
        assertEquals(CREATED, f.create(transfer(1, 1, 2, 10)));
        assertEquals(CREATED, f.create(transfer(2, 1, 2, 10)));
    }

    @Test
    void shouldRememberATransientFailureInsideARolledBackChain() {
        accounts();
        assertEquals(List.of(LINKED_EVENT_FAILED, CREDIT_ACCOUNT_NOT_FOUND),
            f.createAll(transfer(1, 1, 2, 10).flags(L), transfer(2, 1, 9, 10)));
        f.givenAccounts(9);
        assertEquals(ID_ALREADY_FAILED, f.create(transfer(2, 1, 9, 10)));
        assertEquals(CREATED, f.create(transfer(1, 1, 2, 10)));
    }

    @Test
    void shouldNotEvaluateEventsAfterTheFailingOneInTheChain() {
        accounts();
        assertEquals(List.of(LEDGER_MUST_NOT_BE_ZERO, LINKED_EVENT_FAILED),
            f.createAll(transfer(1, 1, 2, 10).flags(L).ledger(0), transfer(2, 1, 9, 10)));
        f.givenAccounts(9);
        assertEquals(CREATED, f.create(transfer(2, 1, 9, 10)));
    }

    @Test
    void shouldRollBackAPendingTransferAndItsPost() {
        accounts();
        f.given(pending(1, 1, 2, 10));
        assertEquals(List.of(LINKED_EVENT_FAILED, LINKED_EVENT_FAILED, LEDGER_MUST_NOT_BE_ZERO),
            f.createAll(pending(2, 1, 2, 7).flags(TransferFlags.PENDING | L), post(3, 1, 4).flags(
                TransferFlags.POST_PENDING_TRANSFER | L), transfer(4, 1, 2, 1).ledger(0)));
        f.assertBalances(1, 10, 0, 0, 0);
        f.assertBalances(2, 0, 0, 10, 0);
        assertEquals(CREATED, f.create(post(5, 1, 10)));
        f.assertBalances(1, 0, 10, 0, 0);
    }

    @Test
    void shouldRollBackAClosingTransfer() {
        accounts();
        f.createAll(pending(1, 1, 2, 0).flags(TransferFlags.PENDING | TransferFlags.CLOSING_DEBIT | L),
            transfer(2, 1, 2, 1).ledger(0));
        assertFalse(f.accountById(1).hasFlag(AccountFlags.CLOSED));
        assertEquals(CREATED, f.create(transfer(3, 1, 2, 1)));
    }

    @Test
    void shouldRollBackAReversal() {
        accounts();
        f.given(transfer(1, 1, 2, 10));
        f.createAll(transfer(2, 2, 1, 4).reversesId(1).flags(L), transfer(3, 1, 2, 1).ledger(0));
        assertEquals(0, f.transferById(1).reversedAmount());
        f.assertBalances(2, 0, 0, 0, 10);
    }

    @Test
    void shouldRollBackAccountsOfAFailedChain() {
        final List<CreateAccountResult> codes = f.createAccounts(account(1, AccountFlags.LINKED),
            account(2, AccountFlags.LINKED), Account.of(3, 1, 0, 0), account(4));
        assertEquals(List.of(CreateAccountResult.LINKED_EVENT_FAILED, CreateAccountResult.LINKED_EVENT_FAILED,
            CreateAccountResult.CODE_MUST_NOT_BE_ZERO, CreateAccountResult.CREATED), codes);
        assertEquals(List.of(4L), LedgerFixture.accountIds(f.direct().lookupAccounts(1, 2, 3, 4)));
        assertEquals(CreateAccountResult.CREATED, f.createAccount(account(1)));
    }

    @Test
    void shouldCreateEveryAccountOfASuccessfulChain() {
        assertEquals(List.of(CreateAccountResult.CREATED, CreateAccountResult.CREATED),
            f.createAccounts(account(1, AccountFlags.LINKED), account(2)));
        assertTrue(f.accountExists(1));
        assertTrue(f.accountExists(2));
    }

    @Test
    void shouldFailAnAccountChainLeftOpen() {
        assertEquals(List.of(CreateAccountResult.CREATED, CreateAccountResult.LINKED_EVENT_FAILED,
                CreateAccountResult.LINKED_EVENT_CHAIN_OPEN),
            f.createAccounts(account(1), account(2, AccountFlags.LINKED), Account.of(3, 1, CODE,
                AccountFlags.LINKED)));
        assertEquals(List.of(1L), LedgerFixture.accountIds(f.direct().lookupAccounts(1, 2, 3)));
    }

    @Test
    void shouldRollBackAccountsWhenADuplicateFailsTheChain() {
        f.givenAccounts(5);
        assertEquals(List.of(CreateAccountResult.LINKED_EVENT_FAILED, CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE),
            f.createAccounts(account(1, AccountFlags.LINKED), Account.of(5, 1, 99, 0)));
        assertFalse(f.accountExists(1));
    }

    @Test
    void shouldAnswerLinkedEventFailedBeforeCheckingTheImportedFlag() {
        accounts();
        assertEquals(List.of(LEDGER_MUST_NOT_BE_ZERO, LINKED_EVENT_FAILED), f.at(1_000).createAll(
            transfer(1, 1, 2, 1).flags(L).ledger(0),
            transfer(2, 1, 2, 1).flags(TransferFlags.IMPORTED).timestamp(500)));
    }

    @Test
    void shouldKeepTheAmountMaxPostInAChainWithTheFullPendingAmount() {
        accounts();
        f.given(pending(1, 1, 2, 10));
        assertEquals(List.of(CREATED, CREATED), f.createAll(
            post(2, 1, Transfer.AMOUNT_MAX).flags(TransferFlags.POST_PENDING_TRANSFER | L), transfer(3, 2, 1, 10)));
        f.assertBalances(1, 0, 10, 0, 10);
    }
    @Test
    void shouldAnswerExistsWithoutTimestampForATransferItsRolledBackChainCreated() {
        accounts();
        f.at(1_000);
        final List<CreateResult> results = f.createRaw(transfer(1, 1, 2, 10).flags(L), transfer(1, 1, 2, 10).flags(L),
            transfer(2, 1, 2, 5));
        assertEquals(List.of(new CreateResult(0, 1, LINKED_EVENT_FAILED.code(), 0),
            new CreateResult(1, 1, EXISTS.code(), 0), new CreateResult(2, 2, LINKED_EVENT_FAILED.code(), 0)), results,
            "transfer 1 was rolled back: no result may carry its timestamp");
        assertFalse(f.transferExists(1));
        f.assertBalances(1, 0, 0, 0, 0);
    }

    @Test
    void shouldAnswerExistsWithoutTimestampForAnAccountItsRolledBackChainCreated() {
        final List<CreateResult> results = f.at(1_000).createAccountsRaw(account(7, AccountFlags.LINKED),
            account(7, AccountFlags.LINKED), account(8));
        assertEquals(List.of(new CreateResult(0, 7, CreateAccountResult.LINKED_EVENT_FAILED.code(), 0),
            new CreateResult(1, 7, CreateAccountResult.EXISTS.code(), 0),
            new CreateResult(2, 8, CreateAccountResult.LINKED_EVENT_FAILED.code(), 0)), results,
            "account 7 was rolled back: no result may carry its timestamp");
        assertFalse(f.accountExists(7));
    }

    @Test
    void shouldKeepTheTimestampOfACommittedTransferThatFailsAChainWithExists() {
        accounts();
        f.at(1_000).given(transfer(1, 1, 2, 10));
        final long committed = f.transferById(1).timestamp();
        final List<CreateResult> results = f.createRaw(transfer(2, 1, 2, 5).flags(L), transfer(1, 1, 2, 10));
        assertEquals(List.of(new CreateResult(0, 2, LINKED_EVENT_FAILED.code(), 0),
            new CreateResult(1, 1, EXISTS.code(), committed)), results);
    }

    @Test
    void shouldCreateAgainLaterInTheRequestAnIdItsRolledBackChainCreated() {
        accounts();
        final List<CreateResult> results = f.at(1_000).createRaw(transfer(1, 1, 2, 10).flags(L),
            transfer(1, 1, 2, 10).flags(L), transfer(3, 1, 2, 10), transfer(1, 1, 2, 10), transfer(1, 1, 2, 10));
        final long created = f.transferById(1).timestamp();
        assertEquals(List.of(new CreateResult(0, 1, LINKED_EVENT_FAILED.code(), 0),
            new CreateResult(1, 1, EXISTS.code(), 0), new CreateResult(2, 3, LINKED_EVENT_FAILED.code(), 0),
            new CreateResult(3, 1, CREATED.code(), created), new CreateResult(4, 1, EXISTS.code(), created)),
            results);
    }
}
