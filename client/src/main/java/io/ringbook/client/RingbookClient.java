package io.ringbook.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateResult;
import io.ringbook.model.Page;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.protocol.AccountBalanceCodec;
import io.ringbook.protocol.AccountCodec;
import io.ringbook.protocol.AccountFilterCodec;
import io.ringbook.protocol.CodeTotalsCodec;
import io.ringbook.protocol.LedgerTotalsRequestCodec;
import io.ringbook.protocol.OperationCode;
import io.ringbook.protocol.QueryFilterCodec;
import io.ringbook.protocol.StateHashCodec;
import io.ringbook.protocol.TransferCodec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Java client of Ringbook's binary protocol ({@code docs/PROTOCOL.md}): asynchronous, batching, reconnecting.
 * One client holds one TCP connection and is meant to be shared by all the threads of an application.
 *
 * <h2>Batching</h2>
 * Up to {@link ClientConfig#maxInFlight()} requests are on the wire at once. Calls made meanwhile queue, and as soon
 * as a slot frees, everything queued for one operation (up to {@link ClientConfig#batchMax()} events) goes out as one
 * request. Each caller still gets exactly its own results ({@link CreateResult#index()} counts from 0 in the caller's
 * list). A call is never split: one larger than the batch limit is refused with {@link IllegalArgumentException}, and
 * a call whose last event is {@code linked} (an open chain) ends its request, so no other caller's events join its
 * chain. Calls that are not awaited may be applied in any order: wait for a create's future before sending events
 * that depend on it.
 *
 * <h2>Failures</h2>
 * Every call has a deadline ({@link ClientConfig#requestTimeout()}). Until then the client retries by itself a
 * request answered {@code busy} (after a growing pause) and resends every unanswered request after reconnecting a
 * lost connection (same bytes; ids are idempotency keys, so an event already applied answers {@code exists}). When
 * the deadline passes the future fails with {@link RequestTimeoutException}; any other protocol error fails it with
 * {@link ServerErrorException}; too many queued events fail a call at once with {@link ClientOverloadedException};
 * {@link #close()} fails what is pending with {@link ClientClosedException}.
 *
 * <h2>Threads</h2>
 * Network I/O, batching and decoding run on one Netty thread ({@code ringbook-client-io-*}). Futures are never
 * completed there: they are completed on the callback executor, by default one daemon thread of the client
 * ({@code ringbook-client-callbacks-*}), so dependent stages ({@code thenApply}, {@code thenAccept}, ...) that do not
 * name an executor run on it. A slow callback therefore delays other callers' completions but never the network;
 * move long work elsewhere with the {@code *Async} stage methods, or pass an executor to
 * {@link #connect(ClientConfig, Executor)}. A future that fails at once (overload, closed client) is completed
 * before the method returns, on the calling thread.
 */
public final class RingbookClient implements AutoCloseable {
    /** How much longer than the connect timeout {@link #connect} waits for the first connection. */
    private static final long CONNECT_GRACE_MS = 1_000;
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ClientConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Dispatcher dispatcher;
    private final ExecutorService ownedCallbacks;
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long requestTimeoutNs;
    private volatile Thread callbackThread;

    private RingbookClient(final ClientConfig config, final Executor userCallbacks) {
        this.config = config;
        this.requestTimeoutNs = config.requestTimeout().toNanos();
        final int instance = INSTANCES.incrementAndGet();
        if (userCallbacks == null) {
            ownedCallbacks = Executors.newSingleThreadExecutor(runnable -> {
                final Thread thread = new Thread(runnable, "ringbook-client-callbacks-" + instance);
                thread.setDaemon(true);
                callbackThread = thread;
                return thread;
            });
        } else {
            ownedCallbacks = null;
        }
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ringbook-client-io-" + instance, true),
            NioIoHandler.newFactory());
        loop = group.next();
        final Bootstrap bootstrap = new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
            .remoteAddress(config.host(), config.port());
        dispatcher = new Dispatcher(config, loop, userCallbacks == null ? ownedCallbacks : userCallbacks,
            bootstrap::connect, ByteBufAllocator.DEFAULT, queuedEvents);
        bootstrap.handler(ReplyAdapter.initializer(dispatcher));
    }

    /**
     * Connects to the server of {@code config} and answers a client whose futures complete on its own callback
     * thread. Waits for the first connection, so that a wrong address fails here rather than in every call; later
     * losses of the connection are repaired in the background.
     *
     * @throws RingbookClientException if the first connection cannot be made within the connect timeout
     */
    public static RingbookClient connect(final ClientConfig config) {
        return start(new RingbookClient(Objects.requireNonNull(config, "config"), null));
    }

    /**
     * As {@link #connect(ClientConfig)}, with futures completed on {@code callbackExecutor} (which the client does not
     * shut down). Never pass a direct executor ({@code Runnable::run}): callbacks would then run on the I/O thread.
     */
    public static RingbookClient connect(final ClientConfig config, final Executor callbackExecutor) {
        return start(new RingbookClient(Objects.requireNonNull(config, "config"),
            Objects.requireNonNull(callbackExecutor, "callbackExecutor")));
    }

    private static RingbookClient start(final RingbookClient client) {
        final String address = client.config.host() + ":" + client.config.port();
        try {
            client.dispatcher.start().get(client.config.connectTimeout().toMillis() + CONNECT_GRACE_MS,
                TimeUnit.MILLISECONDS);
            return client;
        } catch (final ExecutionException e) {
            client.close();
            throw new RingbookClientException("cannot connect to " + address + ": " + e.getCause(), e.getCause());
        } catch (final TimeoutException e) {
            client.close();
            throw new RingbookClientException("cannot connect to " + address + ": no connection within "
                + client.config.connectTimeout().toMillis() + " ms", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new RingbookClientException("interrupted while connecting to " + address, e);
        }
    }

    /** The settings this client runs with. */
    public ClientConfig config() {
        return config;
    }

    /** Events of calls waiting for a request slot right now (bounded by {@link ClientConfig#queuedEventsMax()}). */
    public int queuedEvents() {
        return queuedEvents.get();
    }

    /**
     * Creates accounts; the i-th result answers the i-th account (status {@code created}, {@code exists}, or why it
     * was refused).
     *
     * @throws IllegalArgumentException if there are more accounts than one request holds
     */
    public CompletableFuture<List<CreateResult>> createAccounts(final List<Account> accounts) {
        final List<Account> events = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
        checkSize(OperationCode.CREATE_ACCOUNTS, events.size());
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        final boolean lastLinked = events.get(events.size() - 1).hasFlag(AccountFlags.LINKED);
        final AccountCodec record = new AccountCodec();
        return submit(new CreateCall<>(OperationCode.CREATE_ACCOUNTS, events,
            (out, account) -> record.append(out).set(account), Account::id, lastLinked, deadline()));
    }

    /** Creates one account. */
    public CompletableFuture<CreateResult> createAccount(final Account account) {
        return createAccounts(List.of(Objects.requireNonNull(account, "account"))).thenApply(results -> results.get(0));
    }

    /**
     * Creates transfers; the i-th result answers the i-th transfer. Linked chains inside the list stay together.
     *
     * @throws IllegalArgumentException if there are more transfers than one request holds
     */
    public CompletableFuture<List<CreateResult>> createTransfers(final List<Transfer> transfers) {
        final List<Transfer> events = List.copyOf(Objects.requireNonNull(transfers, "transfers"));
        checkSize(OperationCode.CREATE_TRANSFERS, events.size());
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        final boolean lastLinked = events.get(events.size() - 1).hasFlag(TransferFlags.LINKED);
        final TransferCodec record = new TransferCodec();
        return submit(new CreateCall<>(OperationCode.CREATE_TRANSFERS, events,
            (out, transfer) -> record.append(out).set(transfer), Transfer::id, lastLinked, deadline()));
    }

    /** Creates one transfer. */
    public CompletableFuture<CreateResult> createTransfer(final Transfer transfer) {
        return createTransfers(List.of(Objects.requireNonNull(transfer, "transfer")))
            .thenApply(results -> results.get(0));
    }

    /** The accounts that exist among {@code ids}, in the order of the ids. */
    public CompletableFuture<List<Account>> lookupAccounts(final long... ids) {
        final AccountCodec record = new AccountCodec();
        return lookup(OperationCode.LOOKUP_ACCOUNTS, ids, (in, index) -> record.wrap(in, index).toAccount(),
            (in, index) -> record.wrap(in, index).id());
    }

    /** The transfers that exist among {@code ids}, in the order of the ids, with their reversed amounts. */
    public CompletableFuture<List<Transfer>> lookupTransfers(final long... ids) {
        final TransferCodec record = new TransferCodec();
        return lookup(OperationCode.LOOKUP_TRANSFERS, ids, (in, index) -> record.wrap(in, index).toTransfer(),
            (in, index) -> record.wrap(in, index).id());
    }

    /**
     * An account's transfers matching the filter, up to its limit. When the server's scan budget stops a request
     * early, asks again from its continuation (a new request each time, so writers interleave) until the limit or
     * the end: fewer rows than the limit mean there are no more.
     */
    public CompletableFuture<List<Transfer>> getAccountTransfers(final AccountFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return collect(filter, filter.limit(), this::getAccountTransfersPage, AccountFilter::continuedAt);
    }

    /** One request of {@link #getAccountTransfers}: may stop early at the server's scan budget, with a continuation. */
    public CompletableFuture<Page<Transfer>> getAccountTransfersPage(final AccountFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return single(OperationCode.GET_ACCOUNT_TRANSFERS, 1, out -> new AccountFilterCodec().append(out).set(filter),
            reply -> new Page<>(reply.records(transfers()), reply.continuation()));
    }

    /** An account's balance history matching the filter (accounts with {@code history}), continued as needed. */
    public CompletableFuture<List<AccountBalance>> getAccountBalances(final AccountFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return collect(filter, filter.limit(), this::getAccountBalancesPage, AccountFilter::continuedAt);
    }

    /** One request of {@link #getAccountBalances}: may stop early at the server's scan budget, with a continuation. */
    public CompletableFuture<Page<AccountBalance>> getAccountBalancesPage(final AccountFilter filter) {
        Objects.requireNonNull(filter, "filter");
        final AccountBalanceCodec record = new AccountBalanceCodec();
        return single(OperationCode.GET_ACCOUNT_BALANCES, 1, out -> new AccountFilterCodec().append(out).set(filter),
            reply -> new Page<>(reply.records((in, index) -> record.wrap(in, index).toAccountBalance()),
                reply.continuation()));
    }

    /** Accounts matching the filter, up to its limit, continued as needed. */
    public CompletableFuture<List<Account>> queryAccounts(final QueryFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return collect(filter, filter.limit(), this::queryAccountsPage, QueryFilter::continuedAt);
    }

    /** One request of {@link #queryAccounts}: may stop early at the server's scan budget, with a continuation. */
    public CompletableFuture<Page<Account>> queryAccountsPage(final QueryFilter filter) {
        Objects.requireNonNull(filter, "filter");
        final AccountCodec record = new AccountCodec();
        return single(OperationCode.QUERY_ACCOUNTS, 1, out -> new QueryFilterCodec().append(out).set(filter),
            reply -> new Page<>(reply.records((in, index) -> record.wrap(in, index).toAccount()),
                reply.continuation()));
    }

    /** Transfers matching the filter, up to its limit, continued as needed. */
    public CompletableFuture<List<Transfer>> queryTransfers(final QueryFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return collect(filter, filter.limit(), this::queryTransfersPage, QueryFilter::continuedAt);
    }

    /** One request of {@link #queryTransfers}: may stop early at the server's scan budget, with a continuation. */
    public CompletableFuture<Page<Transfer>> queryTransfersPage(final QueryFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return single(OperationCode.QUERY_TRANSFERS, 1, out -> new QueryFilterCodec().append(out).set(filter),
            reply -> new Page<>(reply.records(transfers()), reply.continuation()));
    }

    /** The ledger's trial balance: the four balance sums per account code, codes ascending. */
    public CompletableFuture<List<CodeTotals>> ledgerTotals(final int ledger) {
        final CodeTotalsCodec record = new CodeTotalsCodec();
        return single(OperationCode.GET_LEDGER_TOTALS, 1,
            out -> new LedgerTotalsRequestCodec().append(out).ledger(ledger),
            reply -> reply.records((in, index) -> record.wrap(in, index).toCodeTotals()));
    }

    /** The hash over all accounts and transfers at a consistent point (equal on replicas and after replay). */
    public CompletableFuture<Long> stateHash() {
        return single(OperationCode.STATE_HASH, 0, out -> { },
            reply -> new StateHashCodec().wrap(reply.body(), 0).stateHash());
    }

    /**
     * Fails every pending call with {@link ClientClosedException}, closes the connection and stops the client's
     * threads (after the completions already decided have run). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        final boolean onIoThread = loop.inEventLoop();
        if (onIoThread) {
            dispatcher.close();
        } else {
            try {
                loop.submit(dispatcher::close).awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (final RejectedExecutionException e) {
                // The I/O thread is already gone: nothing is left to fail.
                assert loop.isShutdown();
            }
        }
        group.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        if (!onIoThread) {
            group.terminationFuture().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        if (ownedCallbacks != null) {
            ownedCallbacks.shutdown();
            if (Thread.currentThread() != callbackThread) {
                try {
                    ownedCallbacks.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Asks page after page, each from the previous one's continuation, until {@code limit} rows or the end. */
    private static <F, T> CompletableFuture<List<T>> collect(final F filter, final int limit,
                                                             final Function<F, CompletableFuture<Page<T>>> fetch,
                                                             final Continuation<F> next) {
        return fetch.apply(filter).thenCompose(page -> {
            if (!page.hasContinuation() || page.rows().size() >= limit) {
                return CompletableFuture.completedFuture(page.rows());
            }
            return more(new ArrayList<>(page.rows()), filter, page.continuation(), limit, fetch, next);
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
                : CompletableFuture.completedFuture(Collections.unmodifiableList(rows));
        });
    }

    /** A filter's continuation: {@code continuedAt(continuation, rowsFound)}. */
    @FunctionalInterface
    private interface Continuation<F> {
        F at(F filter, long continuation, int rowsFound);
    }

    /** Reads Transfer rows; the flyweight lives as long as the call (decoded on the I/O thread). */
    private static Call.RecordDecoder<Transfer> transfers() {
        final TransferCodec record = new TransferCodec();
        return (in, index) -> record.wrap(in, index).toTransfer();
    }

    private <R> CompletableFuture<List<R>> lookup(final int operation, final long[] ids,
                                                  final Call.RecordDecoder<R> decoder, final Call.IdReader idReader) {
        Objects.requireNonNull(ids, "ids");
        checkSize(operation, ids.length);
        if (ids.length == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        return submit(new LookupCall<>(operation, ids.clone(), decoder, idReader, deadline()));
    }

    private <T> CompletableFuture<T> single(final int operation, final int records,
                                            final Consumer<ByteBuf> encoder,
                                            final Function<Reply, T> decoder) {
        return submit(new SingleCall<>(operation, records, encoder, decoder, deadline()));
    }

    private <T> CompletableFuture<T> submit(final Call<T> call) {
        final String operation = OperationCode.name(call.operation);
        if (closed.get()) {
            return CompletableFuture.failedFuture(new ClientClosedException(operation));
        }
        final int weight = call.weight();
        final int queued = queuedEvents.addAndGet(weight);
        if (queued > config.queuedEventsMax()) {
            queuedEvents.addAndGet(-weight);
            return CompletableFuture.failedFuture(
                new ClientOverloadedException(queued - weight, weight, config.queuedEventsMax()));
        }
        try {
            loop.execute(() -> dispatcher.enqueue(call));
        } catch (final RejectedExecutionException e) {
            queuedEvents.addAndGet(-weight);
            call.future.completeExceptionally(new ClientClosedException(operation));
        }
        return call.future;
    }

    private void checkSize(final int operation, final int events) {
        final int max = config.eventsMax(operation);
        if (events > max) {
            throw new IllegalArgumentException(OperationCode.name(operation) + " call of " + events
                + " events exceeds the " + max + " one request holds (batchMax " + config.batchMax() + ", frameMax "
                + config.frameMax() + "); a call is never split, because that would break its linked chains");
        }
    }

    private long deadline() {
        return System.nanoTime() + requestTimeoutNs;
    }
}
