package io.ringbook.engine;

import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateResult;
import io.ringbook.model.Page;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.CommandCodec;
import io.ringbook.engine.pipeline.EngineHaltedException;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.pipeline.PublishResult;
import io.ringbook.engine.pipeline.Replier;
import io.ringbook.engine.pipeline.RequestCallback;
import io.ringbook.engine.command.RequestLayout;
import io.ringbook.engine.pipeline.RingbookBusyException;
import io.ringbook.engine.pipeline.RingbookEngine;
import io.ringbook.engine.command.CommandFiller;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.LedgerCut;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The ledger engine embedded in the caller's process: every call becomes one request through the command ring
 * (journaled if the config has a journal sink, applied by the single ledger thread) and answers with a future. Safe
 * to call from many threads; each request is applied atomically in ring order, so reads see a consistent state.
 *
 * <p><b>Errors</b> are always delivered through the returned future, never thrown by the call:
 * {@link IllegalArgumentException} for a request of 0 or more than {@code requestSizeMax} events;
 * {@link RingbookBusyException} when the ring is full (retryable, nothing was applied; there is no hidden queue);
 * {@link EngineHaltedException} once the engine halted; {@link IllegalStateException} after {@link #close()}. Only a
 * null argument throws ({@link NullPointerException}).
 *
 * <p><b>Threads</b>: futures complete on the engine's reply thread, so dependent stages attached with the non-async
 * methods ({@code thenApply}, ...) run there and delay every other reply. Keep them short, and never wait for another
 * Ringbook future inside one (that would wait for the thread that has to answer it); use the {@code *Async}
 * variants for anything longer.
 */
public final class Ringbook implements AutoCloseable {
    private final EngineConfig config;
    private final RingbookEngine engine;

    private Ringbook(final EngineConfig config, final Ledger ledger) {
        this.config = config;
        this.engine = new RingbookEngine(config, ledger, new CallbackReplier());
    }

    /** Starts an engine with an empty ledger. */
    public static Ringbook start(final EngineConfig config) {
        return start(config, new Ledger(config.ledgerConfig()));
    }

    /**
     * Starts an engine around an existing ledger (for example one restored from a snapshot and the journal), which
     * from now on belongs to the engine's ledger thread.
     */
    public static Ringbook start(final EngineConfig config, final Ledger ledger) {
        final Ringbook ringbook = new Ringbook(config, ledger);
        ringbook.engine.start();
        return ringbook;
    }

    /** The engine's pipeline (ring occupancy, halt state). */
    /** The running engine: for stages and tools that publish directly. */
    public RingbookEngine engine() {
        return engine;
    }

    /** The settings this instance was started with. */
    public EngineConfig config() {
        return config;
    }

    /** Creates accounts; one result per account, in input order. */
    public CompletableFuture<List<CreateResult>> createAccounts(final List<Account> accounts) {
        return request(Operation.CREATE_ACCOUNTS, accounts.size(), RequestLayout.ACCOUNTS, accounts,
            request -> RequestLayout.readEach(request, CommandCodec::readCreateResult));
    }

    /** Creates transfers; one result per transfer, in input order. */
    public CompletableFuture<List<CreateResult>> createTransfers(final List<Transfer> transfers) {
        return request(Operation.CREATE_TRANSFERS, transfers.size(), RequestLayout.TRANSFERS, transfers,
            request -> RequestLayout.readEach(request, CommandCodec::readCreateResult));
    }

    /** The accounts that exist among {@code ids}, in the order of {@code ids}. */
    public CompletableFuture<List<Account>> lookupAccounts(final long... ids) {
        return request(Operation.LOOKUP_ACCOUNTS, ids.length, RequestLayout.IDS, ids,
            request -> RequestLayout.readFound(request, CommandCodec::readAccount));
    }

    /** The transfers that exist among {@code ids}, in the order of {@code ids}. */
    public CompletableFuture<List<Transfer>> lookupTransfers(final long... ids) {
        return request(Operation.LOOKUP_TRANSFERS, ids.length, RequestLayout.IDS, ids,
            request -> RequestLayout.readFound(request, CommandCodec::readTransfer));
    }

    /**
     * An account's transfers matching the filter (at most {@code min(limit, requestSizeMax)}). Follows the ledger's
     * continuations, one request each so writes interleave, until the limit or the end: fewer rows than the limit
     * mean there are no more.
     */
    public CompletableFuture<List<Transfer>> getAccountTransfers(final AccountFilter filter) {
        final AccountFilter limited = clamped(filter);
        return collect(limited, limited.limit(), this::getAccountTransfersPage, AccountFilter::continuedAt);
    }

    /** One request's answer to {@link #getAccountTransfers}: may stop early at the scan budget, with a continuation. */
    public CompletableFuture<Page<Transfer>> getAccountTransfersPage(final AccountFilter filter) {
        return request(Operation.GET_ACCOUNT_TRANSFERS, sizeForRows(filter.limit()), RequestLayout.ACCOUNT_FILTER,
            filter, request -> RequestLayout.readPage(request, CommandCodec::readTransfer));
    }

    /** An account's balance history matching the filter (accounts with the {@code history} flag), continued. */
    public CompletableFuture<List<AccountBalance>> getAccountBalances(final AccountFilter filter) {
        final AccountFilter limited = clamped(filter);
        return collect(limited, limited.limit(), this::getAccountBalancesPage, AccountFilter::continuedAt);
    }

    /** One request's answer to {@link #getAccountBalances}: may stop early at the scan budget, with a continuation. */
    public CompletableFuture<Page<AccountBalance>> getAccountBalancesPage(final AccountFilter filter) {
        return request(Operation.GET_ACCOUNT_BALANCES, sizeForRows(filter.limit()), RequestLayout.ACCOUNT_FILTER,
            filter, request -> RequestLayout.readPage(request, CommandCodec::readAccountBalance));
    }

    /** Accounts matching the filter, at most its limit, continued like {@link #getAccountTransfers}. */
    public CompletableFuture<List<Account>> queryAccounts(final QueryFilter filter) {
        final QueryFilter limited = clamped(filter);
        return collect(limited, limited.limit(), this::queryAccountsPage, QueryFilter::continuedAt);
    }

    /** One request's answer to {@link #queryAccounts}: may stop early at the scan budget, with a continuation. */
    public CompletableFuture<Page<Account>> queryAccountsPage(final QueryFilter filter) {
        return request(Operation.QUERY_ACCOUNTS, sizeForRows(filter.limit()), RequestLayout.QUERY_FILTER, filter,
            request -> RequestLayout.readPage(request, CommandCodec::readAccount));
    }

    /** Transfers matching the filter, at most its limit, continued like {@link #getAccountTransfers}. */
    public CompletableFuture<List<Transfer>> queryTransfers(final QueryFilter filter) {
        final QueryFilter limited = clamped(filter);
        return collect(limited, limited.limit(), this::queryTransfersPage, QueryFilter::continuedAt);
    }

    /** One request's answer to {@link #queryTransfers}: may stop early at the scan budget, with a continuation. */
    public CompletableFuture<Page<Transfer>> queryTransfersPage(final QueryFilter filter) {
        return request(Operation.QUERY_TRANSFERS, sizeForRows(filter.limit()), RequestLayout.QUERY_FILTER, filter,
            request -> RequestLayout.readPage(request, CommandCodec::readTransfer));
    }

    /** Per-code sums of one ledger's balances (a trial balance), ordered by code. */
    public CompletableFuture<List<CodeTotals>> ledgerTotals(final int ledger) {
        return request(Operation.GET_LEDGER_TOTALS, config.requestSizeMax(), RequestLayout.LEDGER, ledger,
            request -> RequestLayout.readRows(request, CommandCodec::readCodeTotals));
    }

    /**
     * Expires pending transfers whose timeout passed by the clock's current time; answers how many expired and the
     * last timestamp the ledger assigned.
     */
    public CompletableFuture<Pulse> pulse() {
        return request(Operation.PULSE, 1, RequestLayout.NO_INPUT, null,
            request -> new Pulse(request.get(0).resultCount, request.get(0).value));
    }

    /**
     * Sets the capacity limits the ledger checks, as a journaled request (a store submits it at start: the limits in
     * force are part of the history a replay reproduces). Each limit must lie between the rows stored and the
     * ledger's allocation ({@link Ledger#checkLimits}, checked by the caller first): the ledger halts the engine on a
     * limit it cannot take rather than answer differently than a replay would.
     */
    public CompletableFuture<Void> configure(final LedgerConfig limits) {
        return request(Operation.CONFIGURE, 1, (command, index, source) -> Ledger.writeLimits(command, source),
            limits, request -> null);
    }

    /** The hash over all accounts and transfers, at a consistent point between requests. */
    public CompletableFuture<Long> stateHash() {
        return request(Operation.STATE_HASH, 1, RequestLayout.NO_INPUT, null, request -> request.get(0).value);
    }

    /**
     * A consistent cut of the state for a snapshot writer, taken between two requests; empty while the previous cut
     * is still open. Stream it on the caller's thread ({@link LedgerCut#stream}) and close it.
     */
    public CompletableFuture<Optional<LedgerCut>> snapshotCut() {
        return request(Operation.SNAPSHOT, 1, RequestLayout.NO_INPUT, null,
            request -> Optional.ofNullable((LedgerCut) request.get(0).attachment));
    }

    /**
     * Stops accepting requests, waits until every accepted one is answered, then stops the engine and closes the
     * journal sink. Must not be called from a future's callback running on the reply thread.
     */
    @Override
    public void close() {
        engine.close();
    }

    /**
     * Offers a request whose input is written into the slots by {@code filler} and whose answer is read out of the
     * slots by {@code callback} on the reply thread: the allocation-free path for a gateway that decodes from and
     * encodes to network buffers. Nothing is submitted unless the answer is {@link PublishResult#PUBLISHED}; the
     * callback is then called exactly once.
     *
     * @throws IllegalArgumentException if {@code size} is not in 1..requestSizeMax
     */
    public <S> PublishResult submit(final Operation operation, final int size, final CommandFiller<? super S> filler,
                                    final S source, final RequestCallback callback) {
        return engine.tryPublish(operation, size, callback, filler, source);
    }

    /**
     * Asks page after page, each from the previous one's continuation (published from the reply thread, never
     * waiting), until {@code limit} rows or the end.
     */
    private static <F, T> CompletableFuture<List<T>> collect(final F filter, final int limit,
                                                             final Function<F, CompletableFuture<Page<T>>> fetch,
                                                             final Continuation<F> next) {
        return fetch.apply(filter).thenCompose(page -> {
            if (!page.hasContinuation() || page.rows().size() >= limit) {
                return CompletableFuture.completedFuture(page.rows());
            }
            final List<T> rows = new ArrayList<>(page.rows());
            return more(rows, filter, page.continuation(), limit, fetch, next);
        });
    }

    private static <F, T> CompletableFuture<List<T>> more(final List<T> rows, final F filter, final long continuation,
                                                          final int limit,
                                                          final Function<F, CompletableFuture<Page<T>>> fetch,
                                                          final Continuation<F> next) {
        return fetch.apply(next.at(filter, continuation, rows.size())).thenCompose(page -> {
            rows.addAll(page.rows());
            return page.hasContinuation() && rows.size() < limit
                ? more(rows, filter, page.continuation(), limit, fetch, next)
                : CompletableFuture.completedFuture(rows);
        });
    }

    /** The filter with its limit lowered to the most rows one request answers: continuations never add more. */
    private AccountFilter clamped(final AccountFilter filter) {
        return filter.limit() > config.requestSizeMax() ? filter.withLimit(config.requestSizeMax()) : filter;
    }

    private QueryFilter clamped(final QueryFilter filter) {
        return filter.limit() > config.requestSizeMax() ? filter.withLimit(config.requestSizeMax()) : filter;
    }

    /** A filter's continuation: {@code continuedAt(continuation, rowsFound)}. */
    @FunctionalInterface
    private interface Continuation<F> {
        F at(F filter, long continuation, int rowsFound);
    }

    private int sizeForRows(final int limit) {
        return RequestLayout.sizeForRows(limit, config.requestSizeMax());
    }

    private <S, T> CompletableFuture<T> request(final Operation operation, final int size,
                                               final CommandFiller<? super S> filler, final S source,
                                               final Function<CommandRequest, T> reader) {
        final PendingReply<T> pending = new PendingReply<>(reader);
        final PublishResult published;
        try {
            published = engine.tryPublish(operation, size, pending, filler, source);
        } catch (final RuntimeException e) {
            // A request of a wrong size, or input that could not be copied into the slots (for example a null
            // element): nothing was submitted.
            return CompletableFuture.failedFuture(e);
        }
        switch (published) {
            case PUBLISHED:
                return pending.future;
            case BUSY:
                return CompletableFuture.failedFuture(new RingbookBusyException(size));
            case HALTED:
                return CompletableFuture.failedFuture(new EngineHaltedException(engine.haltCause()));
            case CLOSED:
                return CompletableFuture.failedFuture(new IllegalStateException("this Ringbook is closed"));
            default:
                throw new IllegalStateException("unknown publish result " + published);
        }
    }

    /** A submitted request's future and how to read its answer out of the slots. */
    private static final class PendingReply<T> implements RequestCallback {
        private final CompletableFuture<T> future = new CompletableFuture<>();
        private final Function<CommandRequest, T> reader;

        PendingReply(final Function<CommandRequest, T> reader) {
            this.reader = reader;
        }

        /** Copies the answer out of the slots (they are reused afterwards) and completes the future. */
        @Override
        public void onReply(final CommandRequest request) {
            future.complete(reader.apply(request));
        }

        @Override
        public void onHalted(final Throwable cause) {
            future.completeExceptionally(new EngineHaltedException(cause));
        }
    }

    /** What a pulse did: how many pending transfers expired, and the last timestamp the ledger assigned. */
    public record Pulse(int expired, long lastTimestamp) {
    }

    /** Hands each request to its callback, carried in its slots' context, on the reply thread. */
    private static final class CallbackReplier implements Replier {
        @Override
        public void onReply(final CommandRequest request) {
            callback(request).onReply(request);
        }

        @Override
        public void onHalted(final CommandRequest request, final Throwable cause) {
            callback(request).onHalted(cause);
        }

        private static RequestCallback callback(final CommandRequest request) {
            return (RequestCallback) request.get(0).context;
        }
    }
}
