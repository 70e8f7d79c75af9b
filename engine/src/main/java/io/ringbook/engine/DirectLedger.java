package io.ringbook.engine;

import io.ringbook.engine.model.Account;
import io.ringbook.engine.model.AccountBalance;
import io.ringbook.engine.model.AccountFilter;
import io.ringbook.engine.model.CodeTotals;
import io.ringbook.engine.model.CreateResult;
import io.ringbook.engine.model.QueryFilter;
import io.ringbook.engine.model.Transfer;
import io.ringbook.engine.pipeline.Command;
import io.ringbook.engine.pipeline.CommandBatch;
import io.ringbook.engine.pipeline.CommandCodec;
import io.ringbook.engine.pipeline.Operation;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Drives the ledger state machine directly on the caller's thread, with no ring, journal or threads: the same
 * {@link Ledger#execute} the pipeline's ledger stage calls. For tests, tools and the ledger-only benchmarks. Not
 * thread-safe. The caller supplies every arrival time, so runs are deterministic.
 */
public final class DirectLedger {
    /** Most events or rows in one request. */
    public static final int BATCH_SIZE_MAX = 8190;

    private final Ledger ledger;
    private final Command[] slots;
    private final Batch batch = new Batch();
    private long requestId;

    public DirectLedger(final LedgerConfig config) {
        this(new Ledger(config));
    }

    public DirectLedger(final Ledger ledger) {
        this.ledger = ledger;
        this.slots = new Command[BATCH_SIZE_MAX];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Command();
        }
    }

    public Ledger ledger() {
        return ledger;
    }

    public List<CreateResult> createAccounts(final List<Account> accounts, final long arrivalNs) {
        prepare(Operation.CREATE_ACCOUNTS, accounts.size(), arrivalNs);
        for (int i = 0; i < accounts.size(); i++) {
            CommandCodec.writeAccount(slots[i], accounts.get(i));
        }
        return run(CommandCodec::readCreateResult, accounts.size());
    }

    public List<CreateResult> createTransfers(final List<Transfer> transfers, final long arrivalNs) {
        prepare(Operation.CREATE_TRANSFERS, transfers.size(), arrivalNs);
        for (int i = 0; i < transfers.size(); i++) {
            CommandCodec.writeTransfer(slots[i], transfers.get(i));
        }
        return run(CommandCodec::readCreateResult, transfers.size());
    }

    public List<Account> lookupAccounts(final long... ids) {
        return lookup(Operation.LOOKUP_ACCOUNTS, ids, CommandCodec::readAccount);
    }

    public List<Transfer> lookupTransfers(final long... ids) {
        return lookup(Operation.LOOKUP_TRANSFERS, ids, CommandCodec::readTransfer);
    }

    public List<Transfer> getAccountTransfers(final AccountFilter filter) {
        prepare(Operation.GET_ACCOUNT_TRANSFERS, rows(filter.limit()), 0);
        CommandCodec.writeAccountFilter(slots[0], filter);
        return runRows(CommandCodec::readTransfer);
    }

    public List<AccountBalance> getAccountBalances(final AccountFilter filter) {
        prepare(Operation.GET_ACCOUNT_BALANCES, rows(filter.limit()), 0);
        CommandCodec.writeAccountFilter(slots[0], filter);
        return runRows(CommandCodec::readAccountBalance);
    }

    public List<Account> queryAccounts(final QueryFilter filter) {
        prepare(Operation.QUERY_ACCOUNTS, rows(filter.limit()), 0);
        CommandCodec.writeQueryFilter(slots[0], filter);
        return runRows(CommandCodec::readAccount);
    }

    public List<Transfer> queryTransfers(final QueryFilter filter) {
        prepare(Operation.QUERY_TRANSFERS, rows(filter.limit()), 0);
        CommandCodec.writeQueryFilter(slots[0], filter);
        return runRows(CommandCodec::readTransfer);
    }

    /** Per-code totals of one ledger, ordered by code. */
    public List<CodeTotals> ledgerTotals(final int ledgerId) {
        prepare(Operation.GET_LEDGER_TOTALS, BATCH_SIZE_MAX, 0);
        slots[0].ledger = ledgerId;
        return runRows(CommandCodec::readCodeTotals);
    }

    /** Expires pending transfers whose timeout has passed; returns how many expired. */
    public int pulse(final long arrivalNs) {
        prepare(Operation.PULSE, 1, arrivalNs);
        ledger.execute(batch);
        return slots[0].resultCount;
    }

    public long stateHash() {
        prepare(Operation.STATE_HASH, 1, 0);
        ledger.execute(batch);
        return slots[0].value;
    }

    private static int rows(final int limit) {
        return Math.max(1, Math.min(limit, BATCH_SIZE_MAX));
    }

    private <T> List<T> lookup(final Operation operation, final long[] ids, final Function<Command, T> reader) {
        prepare(operation, ids.length, 0);
        for (int i = 0; i < ids.length; i++) {
            slots[i].id = ids[i];
        }
        ledger.execute(batch);
        final List<T> found = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (slots[i].status == 1) {
                found.add(reader.apply(slots[i]));
            }
        }
        return found;
    }

    private void prepare(final Operation operation, final int size, final long arrivalNs) {
        if (size < 1 || size > BATCH_SIZE_MAX) {
            throw new IllegalArgumentException("a request holds 1.." + BATCH_SIZE_MAX + " events: " + size);
        }
        requestId++;
        for (int i = 0; i < size; i++) {
            final Command c = slots[i];
            c.reset();
            c.operation = operation;
            c.requestId = requestId;
            c.batchIndex = i;
            c.batchSize = size;
            c.arrivalNs = arrivalNs;
        }
        batch.size = size;
    }

    private <T> List<T> run(final Function<Command, T> reader, final int size) {
        ledger.execute(batch);
        final List<T> results = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            results.add(reader.apply(slots[i]));
        }
        return results;
    }

    private <T> List<T> runRows(final Function<Command, T> reader) {
        ledger.execute(batch);
        final int count = slots[0].resultCount;
        final List<T> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(reader.apply(slots[i]));
        }
        return rows;
    }

    private final class Batch implements CommandBatch {
        private int size;

        @Override
        public int size() {
            return size;
        }

        @Override
        public Command get(final int index) {
            return slots[index];
        }
    }
}
