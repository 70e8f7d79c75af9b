package io.ringbook.engine.reference;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.Account;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.engine.state.LedgerConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine and the reference model side by side for hand-written scenarios: every call goes to both and the
 * answers must be equal. The model's answer is returned, so a scenario can also assert what it expects.
 */
final class Twin {
    private final DirectLedger engine;
    private final ReferenceLedger model;

    Twin(final LedgerConfig config) {
        this.engine = new DirectLedger(config);
        this.model = new ReferenceLedger(config);
    }

    Twin() {
        this(LedgerConfig.of(1_000, 10_000));
    }

    List<CreateResult> accounts(final long arrivalNs, final Account... accounts) {
        final List<CreateResult> expected = model.createAccounts(List.of(accounts), arrivalNs);
        assertEquals(expected, engine.createAccounts(List.of(accounts), arrivalNs), () -> "create_accounts "
            + List.of(accounts));
        return expected;
    }

    List<CreateResult> transfers(final long arrivalNs, final Transfer... transfers) {
        final List<CreateResult> expected = model.createTransfers(List.of(transfers), arrivalNs);
        assertEquals(expected, engine.createTransfers(List.of(transfers), arrivalNs), () -> "create_transfers "
            + List.of(transfers));
        return expected;
    }

    /** Creates one transfer, asserts the expected result on both and returns the model's result. */
    CreateResult transfer(final long arrivalNs, final CreateTransferResult expected, final Transfer transfer) {
        final CreateResult r = transfers(arrivalNs, transfer).get(0);
        assertEquals(expected.code(), r.status(), () -> "expected " + expected + " for " + transfer + ": " + r);
        return r;
    }

    int pulse(final long arrivalNs) {
        final int expected = model.pulse(arrivalNs);
        assertEquals(expected, engine.pulse(arrivalNs), () -> "pulse at " + arrivalNs);
        return expected;
    }

    ReferenceLedger model() {
        return model;
    }

    /** Compares every record, every account's transfers and balance history both ways round, and the totals. */
    void assertSameState() {
        final long[] accountIds = model.accountIds();
        final long[] transferIds = model.transferIds();
        if (accountIds.length > 0) {
            assertEquals(model.lookupAccounts(accountIds), engine.lookupAccounts(accountIds), "accounts");
        }
        if (transferIds.length > 0) {
            assertEquals(model.lookupTransfers(transferIds), engine.lookupTransfers(transferIds), "transfers");
        }
        for (final long id : accountIds) {
            for (final int flags : new int[] {AccountFilter.DEBITS | AccountFilter.CREDITS,
                AccountFilter.ALL, AccountFilter.DEBITS, AccountFilter.CREDITS | AccountFilter.REVERSED}) {
                final AccountFilter f = AccountFilter.of(id, ReferenceLedger.ROWS_MAX).withFlags(flags);
                assertEquals(model.getAccountTransfers(f), engine.getAccountTransfers(f), () -> f.toString());
                assertEquals(model.getAccountBalances(f), engine.getAccountBalances(f), () -> f.toString());
            }
        }
        for (final int ledger : model.ledgers()) {
            assertEquals(model.ledgerTotals(ledger), engine.ledgerTotals(ledger), "totals of ledger " + ledger);
            final QueryFilter q = QueryFilter.of(ledger, 0, ReferenceLedger.ROWS_MAX);
            assertEquals(model.queryAccounts(q), engine.queryAccounts(q), "query_accounts");
            assertEquals(model.queryTransfers(q), engine.queryTransfers(q), "query_transfers");
        }
    }

    /** Runs a query on both and returns the model's rows. */
    List<Transfer> queryTransfers(final QueryFilter f) {
        final List<Transfer> expected = model.queryTransfers(f);
        assertEquals(expected, engine.queryTransfers(f), () -> f.toString());
        return expected;
    }
}
