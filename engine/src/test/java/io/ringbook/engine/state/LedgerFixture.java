package io.ringbook.engine.state;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Limits;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A ledger driven through {@link DirectLedger} with short helpers for the ledger-rule tests, so each test reads as the
 * rule it checks. Every create goes through one arrival time ({@link #at(long)}, 0 by default), so timestamps are
 * predictable: with arrival 0 the n-th event of the ledger's life gets timestamp n.
 */
final class LedgerFixture {
    /** The ledger most tests use. */
    static final int LEDGER = 1;
    /** The account and transfer code most tests use. */
    static final int CODE = 10;
    /** One second in nanoseconds: timeouts are seconds, timestamps nanoseconds. */
    static final long SECOND_NS = 1_000_000_000L;

    private final DirectLedger direct;
    private long arrivalNs;

    LedgerFixture() {
        this(LedgerConfig.of(1_000, 10_000));
    }

    LedgerFixture(final LedgerConfig config) {
        this.direct = new DirectLedger(config);
    }

    /** A fixture whose capacities are exactly the given ones. */
    static LedgerFixture withCapacities(final int accounts, final int transfers, final int failedIds,
                                        final int history) {
        return new LedgerFixture(new LedgerConfig(accounts, transfers, failedIds, history));
    }

    DirectLedger direct() {
        return direct;
    }

    /** Sets the arrival time of the following create requests. */
    LedgerFixture at(final long newArrivalNs) {
        this.arrivalNs = newArrivalNs;
        return this;
    }

    // ---------------------------------------------------------------- accounts

    /** A plain account on {@link #LEDGER} with {@link #CODE}. */
    static Account account(final long id) {
        return Account.of(id, LEDGER, CODE, 0);
    }

    /** A plain account on {@link #LEDGER} with {@link #CODE} and the given flags. */
    static Account account(final long id, final int flags) {
        return Account.of(id, LEDGER, CODE, flags);
    }

    List<CreateResult> createAccountsRaw(final Account... accounts) {
        return direct.createAccounts(Arrays.asList(accounts), arrivalNs);
    }

    List<CreateAccountResult> createAccounts(final Account... accounts) {
        final List<CreateAccountResult> codes = new ArrayList<>();
        for (final CreateResult r : createAccountsRaw(accounts)) {
            codes.add(accountCode(r));
        }
        return codes;
    }

    CreateAccountResult createAccount(final Account account) {
        return createAccounts(account).get(0);
    }

    /** Creates plain accounts and fails the test unless all are created. */
    void givenAccounts(final long... ids) {
        for (final long id : ids) {
            givenAccount(account(id));
        }
    }

    /** Creates the accounts in one request and fails the test unless all are created. */
    void givenAccount(final Account... accounts) {
        final List<CreateAccountResult> codes = createAccounts(accounts);
        for (int i = 0; i < codes.size(); i++) {
            assertEquals(CreateAccountResult.CREATED, codes.get(i), "setup: account " + accounts[i].id());
        }
    }

    static CreateAccountResult accountCode(final CreateResult result) {
        final CreateAccountResult code = CreateAccountResult.ofCode(result.status());
        if (code == null) {
            fail("unknown create_accounts status " + result.status());
        }
        return code;
    }

    // ---------------------------------------------------------------- transfers

    /** A single-phase transfer on {@link #LEDGER} with {@link #CODE}. */
    static Transfer.Builder transfer(final long id, final long debit, final long credit, final long amount) {
        return Transfer.builder().id(id).debitAccountId(debit).creditAccountId(credit).amount(amount).ledger(LEDGER)
            .code(CODE);
    }

    /** A pending transfer on {@link #LEDGER} with {@link #CODE}. */
    static Transfer.Builder pending(final long id, final long debit, final long credit, final long amount) {
        return transfer(id, debit, credit, amount).flags(TransferFlags.PENDING);
    }

    /** A post of a pending transfer with every optional field zero (inherited). */
    static Transfer.Builder post(final long id, final long pendingId, final long amount) {
        return Transfer.builder().id(id).pendingId(pendingId).amount(amount).flags(TransferFlags.POST_PENDING_TRANSFER);
    }

    /** A void of a pending transfer with every optional field zero (inherited). */
    static Transfer.Builder voiding(final long id, final long pendingId) {
        return Transfer.builder().id(id).pendingId(pendingId).flags(TransferFlags.VOID_PENDING_TRANSFER);
    }

    List<CreateResult> createRaw(final Transfer.Builder... transfers) {
        final List<Transfer> built = new ArrayList<>();
        for (final Transfer.Builder b : transfers) {
            built.add(b.build());
        }
        return direct.createTransfers(built, arrivalNs);
    }

    List<CreateTransferResult> createAll(final Transfer.Builder... transfers) {
        final List<CreateTransferResult> codes = new ArrayList<>();
        for (final CreateResult r : createRaw(transfers)) {
            codes.add(transferCode(r));
        }
        return codes;
    }

    CreateTransferResult create(final Transfer.Builder transfer) {
        return createAll(transfer).get(0);
    }

    /** Creates the transfers in one request and fails the test unless all are created. */
    void given(final Transfer.Builder... transfers) {
        final List<CreateTransferResult> codes = createAll(transfers);
        for (int i = 0; i < codes.size(); i++) {
            assertEquals(CreateTransferResult.CREATED, codes.get(i), "setup: transfer " + transfers[i].build().id());
        }
    }

    static CreateTransferResult transferCode(final CreateResult result) {
        final CreateTransferResult code = CreateTransferResult.ofCode(result.status());
        if (code == null) {
            fail("unknown create_transfers status " + result.status());
        }
        return code;
    }

    // ---------------------------------------------------------------- reads

    /** The account with the id; fails the test if it does not exist. */
    Account accountById(final long id) {
        final List<Account> found = direct.lookupAccounts(id);
        assertEquals(1, found.size(), "account " + id + " should exist");
        return found.get(0);
    }

    /** The transfer with the id; fails the test if it does not exist. */
    Transfer transferById(final long id) {
        final List<Transfer> found = direct.lookupTransfers(id);
        assertEquals(1, found.size(), "transfer " + id + " should exist");
        return found.get(0);
    }

    boolean transferExists(final long id) {
        return !direct.lookupTransfers(id).isEmpty();
    }

    boolean accountExists(final long id) {
        return !direct.lookupAccounts(id).isEmpty();
    }

    /** Asserts the four balances of an account. */
    void assertBalances(final long id, final long debitsPending, final long debitsPosted, final long creditsPending,
                        final long creditsPosted) {
        final Account a = accountById(id);
        assertEquals(List.of(debitsPending, debitsPosted, creditsPending, creditsPosted),
            List.of(a.debitsPending(), a.debitsPosted(), a.creditsPending(), a.creditsPosted()),
            "balances of account " + id + " (debits pending, debits posted, credits pending, credits posted)");
    }

    /** Every balance row of a history account, oldest first. */
    List<AccountBalance> history(final long accountId) {
        return direct.getAccountBalances(AccountFilter.of(accountId, Limits.REQUEST_SIZE_MAX));
    }

    /** Ids of the transfers, in the order given. */
    static List<Long> ids(final List<Transfer> transfers) {
        final List<Long> ids = new ArrayList<>();
        for (final Transfer t : transfers) {
            ids.add(t.id());
        }
        return ids;
    }

    /** Ids of the accounts, in the order given. */
    static List<Long> accountIds(final List<Account> accounts) {
        final List<Long> ids = new ArrayList<>();
        for (final Account a : accounts) {
            ids.add(a.id());
        }
        return ids;
    }

    /** The four balances of a row as a list (debits pending, debits posted, credits pending, credits posted). */
    static List<Long> balances(final AccountBalance row) {
        return List.of(row.debitsPending(), row.debitsPosted(), row.creditsPending(), row.creditsPosted());
    }
}
