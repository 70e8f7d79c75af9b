package io.ringbook.engine;

import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.Page;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateResult;
import io.ringbook.model.Limits;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.CommandCodec;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.command.RequestLayout;
import io.ringbook.engine.command.CommandArray;
import io.ringbook.engine.command.CommandFiller;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.LedgerCut;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Drives the ledger state machine directly on the caller's thread, with no ring, journal or threads: the same
 * {@link Ledger#execute} the pipeline's ledger stage calls. For tests, tools and the ledger-only benchmarks. Not
 * thread-safe. The caller supplies every arrival time, so runs are deterministic.
 */
public final class DirectLedger {
    private final Ledger ledger;
    private final CommandArray request = new CommandArray(Limits.REQUEST_SIZE_MAX);
    private long requestId;

    public DirectLedger(final LedgerConfig config) {
        this(new Ledger(config));
    }

    public DirectLedger(final Ledger ledger) {
        this.ledger = ledger;
    }

    /** The state machine this facade drives. */
    public Ledger ledger() {
        return ledger;
    }

    /** Creates accounts as one request; one result per account, in order. */
    public List<CreateResult> createAccounts(final List<Account> accounts, final long arrivalNs) {
        return run(Operation.CREATE_ACCOUNTS, accounts.size(), RequestLayout.ACCOUNTS, accounts, arrivalNs,
            request -> RequestLayout.readEach(request, CommandCodec::readCreateResult));
    }

    /** Creates transfers as one request; one result per transfer, in order. */
    public List<CreateResult> createTransfers(final List<Transfer> transfers, final long arrivalNs) {
        return run(Operation.CREATE_TRANSFERS, transfers.size(), RequestLayout.TRANSFERS, transfers, arrivalNs,
            request -> RequestLayout.readEach(request, CommandCodec::readCreateResult));
    }

    /** The accounts found among the ids, in request order. */
    public List<Account> lookupAccounts(final long... ids) {
        return run(Operation.LOOKUP_ACCOUNTS, ids.length, RequestLayout.IDS, ids, 0,
            request -> RequestLayout.readFound(request, CommandCodec::readAccount));
    }

    /** The transfers found among the ids, in request order. */
    public List<Transfer> lookupTransfers(final long... ids) {
        return run(Operation.LOOKUP_TRANSFERS, ids.length, RequestLayout.IDS, ids, 0,
            request -> RequestLayout.readFound(request, CommandCodec::readTransfer));
    }

    /**
     * The transfers of one account that match the filter, up to its limit: follows the ledger's continuations (one
     * request each) until the limit or the end, so fewer rows than the limit mean there are no more.
     */
    public List<Transfer> getAccountTransfers(final AccountFilter filter) {
        final AccountFilter limited = clamped(filter);
        return collect(limited, limited.limit(), this::getAccountTransfersPage, AccountFilter::continuedAt);
    }

    /** One request's answer to {@link #getAccountTransfers}: may stop early at the scan budget, with a continuation. */
    public Page<Transfer> getAccountTransfersPage(final AccountFilter filter) {
        return run(Operation.GET_ACCOUNT_TRANSFERS, sizeForRows(filter.limit()), RequestLayout.ACCOUNT_FILTER, filter,
            0, request -> RequestLayout.readPage(request, CommandCodec::readTransfer));
    }

    /** The balance history of one account (accounts with {@code history}) that matches the filter, up to its limit. */
    public List<AccountBalance> getAccountBalances(final AccountFilter filter) {
        final AccountFilter limited = clamped(filter);
        return collect(limited, limited.limit(), this::getAccountBalancesPage, AccountFilter::continuedAt);
    }

    /** One request's answer to {@link #getAccountBalances}: may stop early at the scan budget, with a continuation. */
    public Page<AccountBalance> getAccountBalancesPage(final AccountFilter filter) {
        return run(Operation.GET_ACCOUNT_BALANCES, sizeForRows(filter.limit()), RequestLayout.ACCOUNT_FILTER, filter,
            0, request -> RequestLayout.readPage(request, CommandCodec::readAccountBalance));
    }

    /** Accounts matching the filter, at most its limit. */
    public List<Account> queryAccounts(final QueryFilter filter) {
        final QueryFilter limited = clamped(filter);
        return collect(limited, limited.limit(), this::queryAccountsPage, QueryFilter::continuedAt);
    }

    /** One request's answer to {@link #queryAccounts}: may stop early at the scan budget, with a continuation. */
    public Page<Account> queryAccountsPage(final QueryFilter filter) {
        return run(Operation.QUERY_ACCOUNTS, sizeForRows(filter.limit()), RequestLayout.QUERY_FILTER, filter, 0,
            request -> RequestLayout.readPage(request, CommandCodec::readAccount));
    }

    /** Transfers matching the filter, at most its limit. */
    public List<Transfer> queryTransfers(final QueryFilter filter) {
        final QueryFilter limited = clamped(filter);
        return collect(limited, limited.limit(), this::queryTransfersPage, QueryFilter::continuedAt);
    }

    /** One request's answer to {@link #queryTransfers}: may stop early at the scan budget, with a continuation. */
    public Page<Transfer> queryTransfersPage(final QueryFilter filter) {
        return run(Operation.QUERY_TRANSFERS, sizeForRows(filter.limit()), RequestLayout.QUERY_FILTER, filter, 0,
            request -> RequestLayout.readPage(request, CommandCodec::readTransfer));
    }

    /** Asks page after page, each from the previous one's continuation, until {@code limit} rows or the end. */
    private static <F, T> List<T> collect(final F filter, final int limit, final Function<F, Page<T>> fetch,
                                          final Continuation<F> next) {
        Page<T> page = fetch.apply(filter);
        if (!page.hasContinuation() || page.rows().size() >= limit) {
            return page.rows();
        }
        final List<T> rows = new ArrayList<>(page.rows());
        while (page.hasContinuation() && rows.size() < limit) {
            page = fetch.apply(next.at(filter, page.continuation(), rows.size()));
            rows.addAll(page.rows());
        }
        return rows;
    }

    /** The filter with its limit lowered to the most rows one request answers: continuations never add more. */
    private AccountFilter clamped(final AccountFilter filter) {
        return filter.limit() > Limits.REQUEST_SIZE_MAX ? filter.withLimit(Limits.REQUEST_SIZE_MAX) : filter;
    }

    private QueryFilter clamped(final QueryFilter filter) {
        return filter.limit() > Limits.REQUEST_SIZE_MAX ? filter.withLimit(Limits.REQUEST_SIZE_MAX) : filter;
    }

    /** A filter's continuation: {@code continuedAt(continuation, rowsFound)}. */
    @FunctionalInterface
    private interface Continuation<F> {
        F at(F filter, long continuation, int rowsFound);
    }

    /** Per-code totals of one ledger, ordered by code. */
    public List<CodeTotals> ledgerTotals(final int ledgerId) {
        return run(Operation.GET_LEDGER_TOTALS, Limits.REQUEST_SIZE_MAX, RequestLayout.LEDGER, ledgerId, 0,
            request -> RequestLayout.readRows(request, CommandCodec::readCodeTotals));
    }

    /** Expires pending transfers whose timeout has passed; returns how many expired. */
    public int pulse(final long arrivalNs) {
        return run(Operation.PULSE, 1, RequestLayout.NO_INPUT, null, arrivalNs, request -> request.get(0).resultCount);
    }

    /**
     * Sets the capacity limits the rules check, like a journaled CONFIGURE request.
     *
     * @throws IllegalArgumentException if a limit is above the allocation or below the rows stored
     */
    public void configure(final LedgerConfig limits) {
        run(Operation.CONFIGURE, 1, (command, index, source) -> Ledger.writeLimits(command, source), limits, 0,
            request -> null);
    }

    /** The hash over every account and transfer, as compared after replay and snapshot load. */
    public long stateHash() {
        return run(Operation.STATE_HASH, 1, RequestLayout.NO_INPUT, null, 0, request -> request.get(0).value);
    }

    /**
     * Takes a cut for a snapshot writer (stream it, then close it). Nothing else may use this ledger while the cut is
     * streamed unless on another thread as in the pipeline; tools stream it right away.
     *
     * @throws IllegalStateException if the previous cut was not closed
     */
    public LedgerCut snapshotCut() {
        final LedgerCut cut = run(Operation.SNAPSHOT, 1, RequestLayout.NO_INPUT, null, 0,
            request -> (LedgerCut) request.get(0).attachment);
        if (cut == null) {
            throw new IllegalStateException("the previous snapshot cut is still open");
        }
        return cut;
    }

    private static int sizeForRows(final int limit) {
        return RequestLayout.sizeForRows(limit, Limits.REQUEST_SIZE_MAX);
    }

    /** Lays the request out over the slots as the ring would, applies it and reads the answer. */
    private <S, T> T run(final Operation operation, final int size, final CommandFiller<? super S> filler,
                         final S source, final long arrivalNs, final Function<CommandRequest, T> reader) {
        if (size < 1 || size > Limits.REQUEST_SIZE_MAX) {
            throw new IllegalArgumentException("a request holds 1.." + Limits.REQUEST_SIZE_MAX + " events: " + size);
        }
        requestId++;
        for (int i = 0; i < size; i++) {
            final Command c = request.get(i);
            c.prepare(operation, requestId, i, size, arrivalNs, null);
            filler.fill(c, i, source);
        }
        request.size(size);
        ledger.execute(request);
        return reader.apply(request);
    }
}
