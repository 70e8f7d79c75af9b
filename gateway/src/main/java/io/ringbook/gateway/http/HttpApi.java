package io.ringbook.gateway.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.buffer.ByteBufUtil;
import io.ringbook.engine.Ringbook;
import io.ringbook.engine.pipeline.EngineHaltedException;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.pipeline.RingbookBusyException;
import io.ringbook.gateway.GatewayMetrics;
import io.ringbook.gateway.GatewayMetrics.Outcome;
import io.ringbook.gateway.ManualClock;
import io.ringbook.model.Account;
import io.ringbook.model.CreateResult;
import io.ringbook.model.Transfer;
import io.ringbook.snapshot.SnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What each route does: decode the request ({@link RequestAdapter}), call the engine through {@link Ringbook}'s
 * futures, and encode the answer ({@link JsonPublisher}) on the connection's event loop, never on the engine's reply
 * thread. Shared by every connection; holds no per-request state. Bad input throws {@link ApiException} before
 * anything reaches the ring; engine failures become answers ({@code busy}, {@code unavailable}).
 */
final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Ringbook ringbook;
    private final GatewayMetrics metrics;
    private final ManualClock clock;
    private final BooleanSupplier ready;
    private final Supplier<CompletableFuture<SnapshotInfo>> snapshots;
    private final RequestAdapter adapter;

    /** @param snapshotsOrNull takes a snapshot now; null when the server takes none (durability {@code none}) */
    HttpApi(final Ringbook ringbook, final GatewayMetrics metrics, final ManualClock clockOrNull,
            final Supplier<CompletableFuture<SnapshotInfo>> snapshotsOrNull, final BooleanSupplier ready) {
        this.ringbook = ringbook;
        this.metrics = metrics;
        this.clock = clockOrNull;
        this.snapshots = snapshotsOrNull;
        this.ready = ready;
        this.adapter = new RequestAdapter(ringbook.config().requestSizeMax());
    }

    /**
     * Starts the work of one request. The future completes on {@code executor} (the connection's event loop) with the
     * answer, and never exceptionally except for a defect.
     *
     * @param pathParameters decoded values of the route's {@code {...}} segments, in order
     * @param query          decoded query parameters
     * @throws ApiException for bad input; nothing reached the engine
     */
    CompletableFuture<Answer> handle(final HttpRoute route, final List<String> pathParameters,
                                     final Map<String, List<String>> query, final FullHttpRequest request,
                                     final ByteBufAllocator allocator, final Executor executor) {
        if (!query.isEmpty() && route != HttpRoute.GET_ACCOUNT_TRANSFERS && route != HttpRoute.GET_ACCOUNT_BALANCES
            && route.operation() != null) {
            throw new ApiException(ApiError.UNKNOWN_FIELD, "query parameter "
                + FieldKind.shorten(query.keySet().iterator().next()) + ": this route takes no query parameters");
        }
        final Replies replies = new Replies(allocator, executor);
        switch (route) {
            case CREATE_ACCOUNTS:
                final List<Account> accounts = adapter.accounts(request.content());
                return accounts.isEmpty() ? empty(allocator) : replies.of(ringbook.createAccounts(accounts),
                    results -> created(allocator, Operation.CREATE_ACCOUNTS, results));
            case CREATE_TRANSFERS:
                final List<Transfer> transfers = adapter.transfers(request.content());
                return transfers.isEmpty() ? empty(allocator) : replies.of(ringbook.createTransfers(transfers),
                    results -> created(allocator, Operation.CREATE_TRANSFERS, results));
            case GET_ACCOUNT:
                final long accountId = id(pathParameters);
                return replies.of(ringbook.lookupAccounts(accountId), found -> found.isEmpty()
                    ? notFound(allocator, "no account with id " + accountId)
                    : Answer.json(allocator, HttpResponseStatus.OK, JsonPublisher.account(found.get(0))));
            case GET_TRANSFER:
                final long transferId = id(pathParameters);
                return replies.of(ringbook.lookupTransfers(transferId), found -> found.isEmpty()
                    ? notFound(allocator, "no transfer with id " + transferId)
                    : Answer.json(allocator, HttpResponseStatus.OK, JsonPublisher.transfer(found.get(0))));
            case LOOKUP_ACCOUNTS:
                final long[] accountIds = adapter.ids(request.content());
                return accountIds.length == 0 ? empty(allocator)
                    : replies.json(ringbook.lookupAccounts(accountIds), JsonPublisher::accounts);
            case LOOKUP_TRANSFERS:
                final long[] transferIds = adapter.ids(request.content());
                return transferIds.length == 0 ? empty(allocator)
                    : replies.json(ringbook.lookupTransfers(transferIds), JsonPublisher::transfers);
            case GET_ACCOUNT_TRANSFERS:
                return replies.json(ringbook.getAccountTransfers(adapter.accountFilter(id(pathParameters), query)),
                    JsonPublisher::transfers);
            case GET_ACCOUNT_BALANCES:
                return replies.json(ringbook.getAccountBalances(adapter.accountFilter(id(pathParameters), query)),
                    JsonPublisher::balances);
            case QUERY_ACCOUNTS:
                return replies.json(ringbook.queryAccounts(adapter.queryFilter(request.content())),
                    JsonPublisher::accounts);
            case QUERY_TRANSFERS:
                return replies.json(ringbook.queryTransfers(adapter.queryFilter(request.content())),
                    JsonPublisher::transfers);
            case GET_LEDGER_TOTALS:
                final int ledger = (int) RequestAdapter.pathInteger(FieldKind.UNSIGNED_32, pathParameters.get(0),
                    "ledger");
                return replies.json(ringbook.ledgerTotals(ledger), JsonPublisher::totals);
            case ADVANCE_CLOCK:
                return advanceClock(request, replies);
            case TAKE_SNAPSHOT:
                return snapshot(request, replies);
            case HEALTH:
                return CompletableFuture.completedFuture(health(allocator, false));
            case METRICS:
                return CompletableFuture.completedFuture(new Answer(HttpResponseStatus.OK, METRICS_CONTENT_TYPE,
                    ByteBufUtil.writeUtf8(allocator, metrics.render()), Outcome.OK, null, null, false));
            default:
                throw new IllegalStateException("no handler for " + route);
        }
    }

    /** {@code GET /health}: 200 while ready, the engine runs and the server is not shutting down. */
    Answer health(final ByteBufAllocator allocator, final boolean refusing) {
        final String problem;
        if (ringbook.engine().isHalted()) {
            problem = "the engine halted";
        } else if (refusing) {
            problem = "the server is shutting down";
        } else if (!ready.getAsBoolean()) {
            problem = "the server is not ready";
        } else {
            return Answer.json(allocator, HttpResponseStatus.OK, json -> {
                json.writeStartObject();
                json.writeStringField("status", "ok");
                json.writeEndObject();
            });
        }
        return Answer.error(allocator, ApiError.UNAVAILABLE, problem);
    }

    /** The answer for a failed engine call (or an {@link ApiException} raised after the engine answered). */
    static Answer failure(final ByteBufAllocator allocator, final Throwable failure) {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof ApiException) {
            return Answer.error(allocator, ((ApiException) cause).error(), cause.getMessage());
        }
        if (cause instanceof RingbookBusyException) {
            return Answer.error(allocator, ApiError.BUSY, cause.getMessage());
        }
        if (cause instanceof EngineHaltedException) {
            return Answer.error(allocator, ApiError.UNAVAILABLE, cause.getMessage());
        }
        if (cause instanceof IllegalStateException) { // the Ringbook was closed
            return Answer.error(allocator, ApiError.UNAVAILABLE, cause.getMessage());
        }
        LOG.warn("HTTP request failed unexpectedly", cause);
        return Answer.error(allocator, ApiError.INTERNAL_ERROR, "internal error: " + cause);
    }

    private CompletableFuture<Answer> advanceClock(final FullHttpRequest request, final Replies replies) {
        if (clock == null) {
            throw new ApiException(ApiError.NOT_FOUND, "POST /v1/admin/clock exists only with --clock=manual");
        }
        final long seconds = adapter.advanceSeconds(request.content());
        if (seconds < 1 || seconds > ManualClock.ADVANCE_MAX_SECONDS) {
            throw new ApiException(ApiError.NUMBER_OUT_OF_RANGE,
                "advance_seconds: " + seconds + " is out of range 1.." + ManualClock.ADVANCE_MAX_SECONDS);
        }
        final CompletableFuture<long[]> advanced = ringbook.pulse().thenComposeAsync(first -> {
            final long now;
            try {
                now = clock.advance(first.lastTimestamp(), seconds);
            } catch (final IllegalArgumentException e) {
                throw new ApiException(ApiError.NUMBER_OUT_OF_RANGE, e.getMessage());
            }
            return ringbook.pulse().thenApply(second -> new long[] {now, second.expired()});
        }, replies.executor);
        return replies.json(advanced, clockAndExpired -> json -> {
            json.writeStartObject();
            json.writeNumberField("clock", clockAndExpired[0]);
            json.writeNumberField("expired", clockAndExpired[1]);
            json.writeEndObject();
        });
    }

    /**
     * {@code POST /v1/admin/snapshot}: a snapshot taken after this request arrived, so it holds everything acknowledged
     * before. The store writes one snapshot at a time; a request while one is being written waits for it, then for its
     * own.
     */
    private CompletableFuture<Answer> snapshot(final FullHttpRequest request, final Replies replies) {
        adapter.noFields(request.content());
        if (snapshots == null) {
            throw new ApiException(ApiError.SNAPSHOTS_DISABLED,
                "the server runs with durability none: it keeps no journal and takes no snapshots");
        }
        return replies.json(snapshots.get(), info -> json -> {
            json.writeStartObject();
            json.writeNumberField("journal_index", info.journalIndex());
            json.writeStringField("file", info.file().getFileName().toString());
            json.writeStringField("state_hash", String.format("%016x", info.stateHash()));
            json.writeNumberField("bytes", info.bytes());
            json.writeNumberField("accounts", info.accounts());
            json.writeNumberField("transfers", info.transfers());
            json.writeEndObject();
        });
    }

    /** The answer to a request of zero events or ids: nothing to apply or look up, so nothing reaches the ring. */
    private static CompletableFuture<Answer> empty(final ByteBufAllocator allocator) {
        return CompletableFuture.completedFuture(Answer.json(allocator, HttpResponseStatus.OK, json -> {
            json.writeStartArray();
            json.writeEndArray();
        }));
    }

    private Answer created(final ByteBufAllocator allocator, final Operation operation,
                           final List<CreateResult> results) {
        int runStart = 0;
        for (int i = 1; i <= results.size(); i++) {
            if (i == results.size() || results.get(i).status() != results.get(runStart).status()) {
                metrics.results(operation, results.get(runStart).status(), i - runStart);
                runStart = i;
            }
        }
        return Answer.json(allocator, HttpResponseStatus.OK, JsonPublisher.createResults(operation, results));
    }

    private static Answer notFound(final ByteBufAllocator allocator, final String message) {
        return Answer.error(allocator, ApiError.NOT_FOUND, message, Outcome.OK);
    }

    private static long id(final List<String> pathParameters) {
        return RequestAdapter.pathInteger(FieldKind.SIGNED_64, pathParameters.get(0), "id");
    }

    /** Turns engine futures into answers encoded on the connection's event loop. */
    private static final class Replies {
        private final ByteBufAllocator allocator;
        private final Executor executor;

        Replies(final ByteBufAllocator allocator, final Executor executor) {
            this.allocator = allocator;
            this.executor = executor;
        }

        <T> CompletableFuture<Answer> of(final CompletableFuture<T> call, final Function<T, Answer> encode) {
            return call.handleAsync((value, error) -> error == null ? encode.apply(value) : failure(allocator, error),
                executor);
        }

        <T> CompletableFuture<Answer> json(final CompletableFuture<T> call,
                                           final Function<T, JsonPublisher.Body> body) {
            return of(call, value -> Answer.json(allocator, HttpResponseStatus.OK, body.apply(value)));
        }
    }
}
