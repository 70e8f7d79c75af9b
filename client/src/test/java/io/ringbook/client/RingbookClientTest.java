package io.ringbook.client;

import io.netty.buffer.Unpooled;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.CreateResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.protocol.AccountCodec;
import io.ringbook.protocol.AccountFilterCodec;
import io.ringbook.protocol.ErrorCode;
import io.ringbook.protocol.Frame;
import io.ringbook.protocol.LedgerTotalsRequestCodec;
import io.ringbook.protocol.OperationCode;
import io.ringbook.protocol.QueryFilterCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The client against a scripted fake server: batching, routing, retries, reconnects, timeouts, limits, close. */
class RingbookClientTest {
    private static final long WAIT_SECONDS = 10;

    /** Holds the first request unanswered until {@link #release()}; answers every other request canned. */
    private static final class HoldFirst implements FakeServer.Script {
        private final CompletableFuture<FakeServer.Exchange> held = new CompletableFuture<>();
        private final AtomicBoolean first = new AtomicBoolean(true);

        @Override
        public void onRequest(final FakeServer.Exchange exchange) {
            if (first.getAndSet(false)) {
                held.complete(exchange);
            } else {
                exchange.answerCanned();
            }
        }

        void release() {
            held.join().answerCanned();
        }
    }

    private static ClientConfig config(final FakeServer server) {
        return ClientConfig.of("127.0.0.1", server.port())
            .withRequestTimeout(Duration.ofSeconds(WAIT_SECONDS))
            .withReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
            .withBusyBackoff(Duration.ofMillis(1), Duration.ofMillis(4));
    }

    private static Transfer transfer(final long id, final int flags) {
        return Transfer.builder().id(id).debitAccountId(1).creditAccountId(2).amount(5).ledger(700).code(1)
            .flags(flags).build();
    }

    private static List<Transfer> transfers(final long firstId, final int count) {
        final List<Transfer> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(transfer(firstId + i, 0));
        }
        return list;
    }

    private static void assertOwnResults(final List<Transfer> sent, final List<CreateResult> results) {
        assertEquals(sent.size(), results.size());
        for (int i = 0; i < sent.size(); i++) {
            final long id = sent.get(i).id();
            assertEquals(new CreateResult(i, id, FakeServer.statusFor(id), FakeServer.timestampFor(id)),
                results.get(i));
        }
    }

    private static <T> T get(final CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Throwable failure(final CompletableFuture<?> future) {
        final ExecutionException e = assertThrows(ExecutionException.class,
            () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        return e.getCause();
    }

    private static void await(final BooleanSupplier condition, final String what) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("gave up waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static List<Long> ids(final FakeServer.Exchange exchange) {
        final List<Long> ids = new ArrayList<>();
        for (int i = 0; i < exchange.count; i++) {
            ids.add(exchange.idAt(i));
        }
        return ids;
    }

    @Test
    void shouldCoalesceConcurrentCreatesAndGiveEachCallerExactlyItsOwnResults() throws Exception {
        final HoldFirst script = new HoldFirst();
        final ExecutorService callers = Executors.newFixedThreadPool(4);
        try (FakeServer server = new FakeServer(script);
             RingbookClient client = RingbookClient.connect(config(server).withMaxInFlight(1))) {
            final List<Transfer> firstCall = transfers(1, 1);
            final CompletableFuture<List<CreateResult>> first = client.createTransfers(firstCall);
            await(() -> server.received().size() == 1, "the first request");

            final List<List<Transfer>> calls = new ArrayList<>();
            final List<Future<CompletableFuture<List<CreateResult>>>> submitted = new ArrayList<>();
            int events = 0;
            for (int caller = 0; caller < 24; caller++) {
                final List<Transfer> call = transfers(1000 + caller * 10, caller % 4 + 1);
                calls.add(call);
                events += call.size();
                submitted.add(callers.submit(() -> client.createTransfers(call)));
            }
            final int queued = events;
            await(() -> client.queuedEvents() == queued, "every call queued behind the held request");
            script.release();

            assertOwnResults(firstCall, get(first));
            for (int caller = 0; caller < calls.size(); caller++) {
                assertOwnResults(calls.get(caller), get(submitted.get(caller).get()));
            }
            final List<FakeServer.Exchange> received = server.received();
            assertEquals(2, received.size(), "24 queued calls went out as one request");
            assertEquals(events, received.get(1).count);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void shouldNotAppendAnotherCallAfterACallThatEndsWithAnOpenLinkedChain() throws Exception {
        final HoldFirst script = new HoldFirst();
        try (FakeServer server = new FakeServer(script);
             RingbookClient client = RingbookClient.connect(config(server).withMaxInFlight(1))) {
            final CompletableFuture<List<CreateResult>> first = client.createTransfers(transfers(1, 1));
            await(() -> server.received().size() == 1, "the first request");
            final List<Transfer> closedChain = List.of(transfer(10, TransferFlags.LINKED), transfer(11, 0));
            final List<Transfer> openChain = List.of(transfer(20, TransferFlags.LINKED),
                transfer(21, TransferFlags.LINKED));
            final List<Transfer> after = transfers(30, 2);
            final CompletableFuture<List<CreateResult>> closedFuture = client.createTransfers(closedChain);
            final CompletableFuture<List<CreateResult>> openFuture = client.createTransfers(openChain);
            final CompletableFuture<List<CreateResult>> afterFuture = client.createTransfers(after);
            await(() -> client.queuedEvents() == 6, "three calls queued");
            script.release();

            get(first);
            assertOwnResults(closedChain, get(closedFuture));
            assertOwnResults(openChain, get(openFuture));
            assertOwnResults(after, get(afterFuture));
            final List<FakeServer.Exchange> received = server.received();
            assertEquals(3, received.size());
            assertEquals(List.of(10L, 11L, 20L, 21L), ids(received.get(1)),
                "a closed chain is followed by the next call; the open chain ends the request");
            assertEquals(List.of(30L, 31L), ids(received.get(2)));
        }
    }

    @Test
    void shouldCoalesceLookupsAndRouteTheFoundRecordsBackById() throws Exception {
        final HoldFirst script = new HoldFirst();
        try (FakeServer server = new FakeServer(script);
             RingbookClient client = RingbookClient.connect(config(server).withMaxInFlight(1))) {
            final CompletableFuture<Long> first = client.stateHash();
            await(() -> server.received().size() == 1, "the first request");
            final var accounts = client.lookupAccounts(3, 1, 2);
            final var missingOnly = client.lookupAccounts(5, 10);
            final var mixed = client.lookupAccounts(7, 5, 3);
            final var transfers = client.lookupTransfers(4, 15, 4);
            await(() -> client.queuedEvents() == 11, "four lookups queued");
            script.release();

            assertEquals(FakeServer.CANNED_STATE_HASH, get(first));
            assertEquals(List.of(FakeServer.cannedAccount(3), FakeServer.cannedAccount(1),
                FakeServer.cannedAccount(2)), get(accounts));
            assertEquals(List.of(), get(missingOnly));
            assertEquals(List.of(FakeServer.cannedAccount(7), FakeServer.cannedAccount(3)), get(mixed));
            assertEquals(List.of(FakeServer.cannedTransfer(4), FakeServer.cannedTransfer(4)), get(transfers));
            final List<FakeServer.Exchange> received = server.received();
            assertEquals(3, received.size(), "account lookups together, transfer lookups in a request of their own");
            assertEquals(List.of(3L, 1L, 2L, 5L, 10L, 7L, 5L, 3L), ids(received.get(1)));
        }
    }

    @Test
    void shouldRetryABusyOrUnavailableRequestWithTheSameBytesUntilTheServerAcceptsIt() throws Exception {
        final Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final FakeServer.Script script = exchange -> {
            final int attempt = attempts.computeIfAbsent(exchange.requestId, id -> new AtomicInteger())
                .incrementAndGet();
            if (attempt == 1) {
                exchange.error(ErrorCode.BUSY, "the command ring is full");
            } else if (attempt == 2) {
                exchange.error(ErrorCode.UNAVAILABLE, "the server is stopping");
            } else {
                exchange.answerCanned();
            }
        };
        try (FakeServer server = new FakeServer(script);
             RingbookClient client = RingbookClient.connect(config(server))) {
            final List<Transfer> call = transfers(40, 3);
            assertOwnResults(call, get(client.createTransfers(call)));
            final List<FakeServer.Exchange> received = server.received();
            assertEquals(3, received.size(), "busy, unavailable, then accepted");
            for (final FakeServer.Exchange exchange : received) {
                assertEquals(received.get(0).requestId, exchange.requestId);
                assertArrayEquals(received.get(0).body, exchange.body);
            }
        }
    }

    @Test
    void shouldReconnectAndResendEveryUnansweredRequestWhenTheConnectionDrops() throws Exception {
        final AtomicInteger onFirstConnection = new AtomicInteger();
        final FakeServer.Script script = exchange -> {
            if (exchange.connection > 1) {
                exchange.answerCanned();
            } else if (onFirstConnection.incrementAndGet() == 3) {
                exchange.drop();
            }
        };
        try (FakeServer server = new FakeServer(script);
             RingbookClient client = RingbookClient.connect(config(server))) {
            final List<List<Transfer>> calls = List.of(transfers(100, 2), transfers(200, 1), transfers(300, 3));
            final List<CompletableFuture<List<CreateResult>>> futures = new ArrayList<>();
            for (final List<Transfer> call : calls) {
                futures.add(client.createTransfers(call));
                final int sent = futures.size();
                await(() -> server.received().size() >= sent, "request " + sent + " in flight");
            }
            for (int i = 0; i < calls.size(); i++) {
                assertOwnResults(calls.get(i), get(futures.get(i)));
            }
            assertEquals(2, server.connections());
            final List<FakeServer.Exchange> received = server.received();
            assertEquals(6, received.size(), "three requests, each sent on both connections");
            for (int i = 0; i < 3; i++) {
                final FakeServer.Exchange before = received.get(i);
                final FakeServer.Exchange resent = received.stream()
                    .filter(exchange -> exchange.connection == 2 && exchange.requestId == before.requestId)
                    .findFirst().orElseThrow();
                assertArrayEquals(before.body, resent.body, "a resend carries the same events");
            }
        }
    }

    @Test
    void shouldFailWithATimeoutSayingACreateIsSafeToRetryWhenTheServerNeverAnswers() throws Exception {
        final FakeServer.Script silent = exchange -> { };
        try (FakeServer server = new FakeServer(silent);
             RingbookClient client = RingbookClient.connect(
                 config(server).withRequestTimeout(Duration.ofMillis(300)).withMaxInFlight(1))) {
            final Throwable create = failure(client.createTransfers(transfers(1, 1)));
            assertInstanceOf(RequestTimeoutException.class, create);
            assertEquals("create_transfers", ((RequestTimeoutException) create).operation());
            assertTrue(create.getMessage().contains("outcome is unknown"), create.getMessage());
            assertTrue(create.getMessage().contains("retrying with the same ids is safe"), create.getMessage());

            final Throwable lookup = failure(client.lookupAccounts(1));
            assertInstanceOf(RequestTimeoutException.class, lookup);
            assertTrue(lookup.getMessage().contains("a read changes nothing"), lookup.getMessage());
            assertEquals(2, server.received().size(),
                "the slot of a request whose calls all timed out is given to the next call");
        }
    }

    @Test
    void shouldFailWithTheProtocolErrorNameWhenTheServerRefusesTheRequest() throws Exception {
        final FakeServer.Script refusing = exchange -> exchange.error(ErrorCode.INVALID_COUNT, "count too large");
        try (FakeServer server = new FakeServer(refusing);
             RingbookClient client = RingbookClient.connect(config(server))) {
            final Throwable error = failure(client.createTransfers(transfers(1, 2)));
            final ServerErrorException refused = assertInstanceOf(ServerErrorException.class, error);
            assertEquals(ErrorCode.INVALID_COUNT, refused.errorCode());
            assertEquals("invalid_count", refused.errorName());
            assertEquals("count too large", refused.serverMessage());
            assertTrue(refused.getMessage().contains("invalid_count"), refused.getMessage());
            assertEquals(1, server.received().size(), "a non-retryable error is not retried");
        }
    }

    @Test
    void shouldFailAtOnceWhenTooManyEventsAreQueued() throws Exception {
        final HoldFirst script = new HoldFirst();
        try (FakeServer server = new FakeServer(script);
             RingbookClient client = RingbookClient.connect(
                 config(server).withBatchMax(10).withQueuedEventsMax(20).withMaxInFlight(1))) {
            final CompletableFuture<List<CreateResult>> first = client.createTransfers(transfers(1, 1));
            await(() -> server.received().size() == 1, "the first request");
            final List<Transfer> a = transfers(100, 10);
            final List<Transfer> b = transfers(200, 10);
            final CompletableFuture<List<CreateResult>> aFuture = client.createTransfers(a);
            final CompletableFuture<List<CreateResult>> bFuture = client.createTransfers(b);

            final CompletableFuture<List<CreateResult>> overflow = client.createTransfers(transfers(300, 1));
            assertTrue(overflow.isCompletedExceptionally(), "failed before the method returned");
            final Throwable error = failure(overflow);
            assertInstanceOf(ClientOverloadedException.class, error);
            assertTrue(error.getMessage().contains("queuedEventsMax 20"), error.getMessage());

            script.release();
            get(first);
            assertOwnResults(a, get(aFuture));
            assertOwnResults(b, get(bFuture));
            assertEquals(0, client.queuedEvents());
            assertOwnResults(transfers(300, 1), get(client.createTransfers(transfers(300, 1))));
        }
    }

    @Test
    void shouldFailEveryPendingCallWhenClosed() throws Exception {
        final FakeServer.Script silent = exchange -> { };
        try (FakeServer server = new FakeServer(silent)) {
            final RingbookClient client = RingbookClient.connect(config(server).withMaxInFlight(1));
            final CompletableFuture<List<CreateResult>> sent = client.createTransfers(transfers(1, 1));
            await(() -> server.received().size() == 1, "the first request");
            final CompletableFuture<List<CreateResult>> queued = client.createTransfers(transfers(2, 1));
            await(() -> client.queuedEvents() == 1, "the second call queued");

            client.close();
            assertInstanceOf(ClientClosedException.class, failure(sent));
            assertInstanceOf(ClientClosedException.class, failure(queued));
            assertEquals(0, client.queuedEvents());
            assertInstanceOf(ClientClosedException.class, failure(client.lookupAccounts(1)));
            client.close();
        }
    }

    @Test
    void shouldRefuseACallLargerThanOneRequestInsteadOfSplittingIt() throws Exception {
        try (FakeServer server = new FakeServer(FakeServer.Exchange::answerCanned);
             RingbookClient client = RingbookClient.connect(
                 config(server).withBatchMax(5).withFrameMax(Frame.HEADER_BYTES + 3 * AccountCodec.BYTES))) {
            assertThrows(IllegalArgumentException.class, () -> client.createTransfers(transfers(1, 3)),
                "three transfers do not fit the frame limit");
            assertThrows(IllegalArgumentException.class, () -> client.lookupTransfers(1, 2, 3, 4, 5, 6));
            assertOwnResults(transfers(1, 2), get(client.createTransfers(transfers(1, 2))));
            assertEquals(List.of(), get(client.createTransfers(List.of())));
            assertEquals(List.of(), get(client.lookupAccounts()));
            assertEquals(1, server.received().size(), "empty calls send nothing");
        }
    }

    @Test
    void shouldSendFiltersAndDecodeQueriesBalancesTotalsAndStateHash() throws Exception {
        try (FakeServer server = new FakeServer(FakeServer.Exchange::answerCanned);
             RingbookClient client = RingbookClient.connect(config(server))) {
            final AccountFilter accountFilter = AccountFilter.of(77, 100).withTimestampRange(5, 9);
            final QueryFilter queryFilter = QueryFilter.of(700, 3, 10).withFlags(QueryFilter.REVERSED);
            final List<Transfer> cannedTransfers = List.of(FakeServer.cannedTransfer(1), FakeServer.cannedTransfer(2));
            assertEquals(cannedTransfers, get(client.getAccountTransfers(accountFilter)));
            assertEquals(FakeServer.CANNED_BALANCES, get(client.getAccountBalances(accountFilter)));
            assertEquals(List.of(FakeServer.cannedAccount(3)), get(client.queryAccounts(queryFilter)));
            assertEquals(cannedTransfers, get(client.queryTransfers(queryFilter)));
            assertEquals(FakeServer.CANNED_TOTALS, get(client.ledgerTotals(700)));
            assertEquals(FakeServer.CANNED_STATE_HASH, get(client.stateHash()));
            final CreateResult one = get(client.createTransfer(transfer(8, 0)));
            assertEquals(new CreateResult(0, 8, FakeServer.statusFor(8), FakeServer.timestampFor(8)), one);

            final Map<Integer, FakeServer.Exchange> byOperation = server.received().stream()
                .collect(Collectors.toMap(exchange -> exchange.operation, exchange -> exchange));
            assertEquals(accountFilter, new AccountFilterCodec()
                .wrap(byOperation.get(OperationCode.GET_ACCOUNT_BALANCES).body(), 0).toAccountFilter());
            assertEquals(queryFilter, new QueryFilterCodec()
                .wrap(byOperation.get(OperationCode.QUERY_TRANSFERS).body(), 0).toQueryFilter());
            assertEquals(700, new LedgerTotalsRequestCodec()
                .wrap(byOperation.get(OperationCode.GET_LEDGER_TOTALS).body(), 0).ledger());
            final FakeServer.Exchange hash = byOperation.get(OperationCode.STATE_HASH);
            assertEquals(0, hash.count);
            assertEquals(0, hash.body.length);
            assertEquals(Frame.VERSION, hash.version);
        }
    }

    @Test
    void shouldCompleteFuturesOnTheCallbackThreadNotTheIoThread() throws Exception {
        final HoldFirst script = new HoldFirst();
        try (FakeServer server = new FakeServer(script);
             RingbookClient client = RingbookClient.connect(config(server))) {
            final CompletableFuture<Long> hash = client.stateHash();
            final CompletableFuture<String> thread = hash.thenApply(value -> Thread.currentThread().getName());
            await(() -> server.received().size() == 1, "the request");
            script.release();
            assertTrue(get(thread).startsWith("ringbook-client-callbacks-"), get(thread));
        }
    }

    @Test
    void shouldFailOnlyTheLargestRequestWhenTheServerSaysAFrameWasTooLarge() throws Exception {
        final FakeServer.Script script = exchange -> {
            if (exchange.count >= 3) {
                exchange.connectionError(ErrorCode.FRAME_TOO_LARGE, "frame above 300 bytes");
            } else if (exchange.connection > 1) {
                exchange.answerCanned();
            }
        };
        try (FakeServer server = new FakeServer(script);
             RingbookClient client = RingbookClient.connect(config(server))) {
            final List<Transfer> small = transfers(1, 1);
            final CompletableFuture<List<CreateResult>> smallFuture = client.createTransfers(small);
            await(() -> server.received().size() == 1, "the small request");
            final CompletableFuture<List<CreateResult>> large = client.createTransfers(transfers(10, 3));

            final ServerErrorException error = assertInstanceOf(ServerErrorException.class, failure(large));
            assertEquals("frame_too_large", error.errorName());
            assertTrue(error.getMessage().contains("frameMax"), error.getMessage());
            assertOwnResults(small, get(smallFuture));
            assertEquals(2, server.connections(), "the small request was resent after the server closed");
        }
    }

    @Test
    void shouldFailACallWhoseReplyBreaksTheProtocol() throws Exception {
        final FakeServer.Script wrongCount = exchange -> exchange.answer(0, Unpooled.EMPTY_BUFFER);
        try (FakeServer server = new FakeServer(wrongCount);
             RingbookClient client = RingbookClient.connect(config(server))) {
            final Throwable error = failure(client.createTransfers(transfers(1, 2)));
            assertEquals(RingbookClientException.class, error.getClass());
            assertTrue(error.getMessage().contains("0 results for 2 events"), error.getMessage());
        }
    }

    @Test
    void shouldFailToConnectWhenNothingListens() throws IOException {
        final int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        final RingbookClientException error = assertThrows(RingbookClientException.class,
            () -> RingbookClient.connect(ClientConfig.of("127.0.0.1", port)));
        assertTrue(error.getMessage().contains("cannot connect"), error.getMessage());
    }
}
