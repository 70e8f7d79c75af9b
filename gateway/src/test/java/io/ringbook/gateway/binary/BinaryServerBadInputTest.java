package io.ringbook.gateway.binary;

import io.ringbook.engine.EngineConfig;
import io.ringbook.gateway.GatewayConfig;
import io.ringbook.model.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and hostile input: each case gets its error (or its connection closed), and afterwards another
 * connection is still served and the state hash is unchanged.
 */
class BinaryServerBadInputTest {
    private static final int LEDGER = 1;

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shouldAnswerUnsupportedVersionAndKeepServingTheConnection() {
        final long hash = startWithAccounts();
        try (WireClient client = fixture.connect()) {
            for (final int version : new int[] {0, 2, 255}) {
                final Frames.Reply reply = client.call(Frames.request(version, Frames.STATE_HASH, 0, 31 + version,
                    new byte[0]));
                assertError(reply, Frames.UNSUPPORTED_VERSION, 31 + version);
                assertEquals(Frames.STATE_HASH, reply.operation(), "the operation is echoed");
            }
            assertEquals(hash, client.call(Frames.stateHash(5)).stateHash(), "the same connection still works");
        }
        fixture.assertServing(hash);
    }

    @Test
    void shouldAnswerUnknownOperationIncludingTheEngineInternalOnes() {
        final long hash = startWithAccounts();
        try (WireClient client = fixture.connect()) {
            for (final int operation : new int[] {0, 10, 12, 13, 255}) {
                assertError(client.call(Frames.request(1, operation, 0, operation, new byte[0])),
                    Frames.UNKNOWN_OPERATION, operation);
                assertError(client.call(Frames.request(1, operation, 1, operation, new byte[8])),
                    Frames.UNKNOWN_OPERATION, operation);
            }
        }
        fixture.assertServing(hash);
    }

    @Test
    void shouldAnswerInvalidCountOutsideEachOperationsRule() {
        final long hash = startWithAccounts();
        try (WireClient client = fixture.connect()) {
            assertError(client.call(Frames.request(1, Frames.CREATE_ACCOUNTS, 8191, 1, new byte[0])),
                Frames.INVALID_COUNT, 1);
            assertError(client.call(Frames.request(1, Frames.LOOKUP_ACCOUNTS, 8191, 2, new byte[8191 * 8])),
                Frames.INVALID_COUNT, 2);
            assertError(client.call(Frames.request(1, Frames.LOOKUP_TRANSFERS, 0xFFFF_FFFFL, 3, new byte[8])),
                Frames.INVALID_COUNT, 3);
            assertError(client.call(Frames.request(1, Frames.GET_ACCOUNT_TRANSFERS, 2, 4, new byte[128])),
                Frames.INVALID_COUNT, 4);
            assertError(client.call(Frames.request(1, Frames.QUERY_ACCOUNTS, 0, 5, new byte[0])),
                Frames.INVALID_COUNT, 5);
            assertError(client.call(Frames.request(1, Frames.GET_LEDGER_TOTALS, 2, 6, new byte[16])),
                Frames.INVALID_COUNT, 6);
            assertError(client.call(Frames.request(1, Frames.STATE_HASH, 1, 7, new byte[0])),
                Frames.INVALID_COUNT, 7);
            assertEquals(hash, client.call(Frames.stateHash(8)).stateHash());
        }
        fixture.assertServing(hash);
    }

    @Test
    void shouldAnswerZeroRecordsToACreateOrLookupOfZeroEventsLikeTigerBeetle() {
        final long hash = startWithAccounts();
        try (WireClient client = fixture.connect()) {
            final int[] operations = {Frames.CREATE_ACCOUNTS, Frames.CREATE_TRANSFERS, Frames.LOOKUP_ACCOUNTS,
                Frames.LOOKUP_TRANSFERS};
            for (final int operation : operations) {
                final Frames.Reply reply = client.call(Frames.request(1, operation, 0, 40 + operation, new byte[0]));
                assertEquals(0, reply.error(), reply.message());
                assertEquals(0, reply.count());
                assertEquals(0, reply.body().length);
                assertEquals(operation, reply.operation(), "the operation is echoed");
                assertEquals(40 + operation, reply.requestId());
            }
            assertError(client.call(Frames.request(1, Frames.CREATE_ACCOUNTS, 0, 50, new byte[96])),
                Frames.INVALID_BODY_SIZE, 50);
            assertEquals(hash, client.call(Frames.stateHash(51)).stateHash());
        }
        fixture.assertServing(hash);
    }

    @Test
    void shouldAnswerInvalidBodySizeWhenTheBodyDoesNotMatchTheCount() {
        final long hash = startWithAccounts();
        try (WireClient client = fixture.connect()) {
            final byte[] oneAccount = Arrays.copyOfRange(
                Frames.createAccounts(0, List.of(Account.of(50, LEDGER, 1, 0))), 20, 20 + 96);
            assertError(client.call(Frames.request(1, Frames.CREATE_ACCOUNTS, 2, 1, oneAccount)),
                Frames.INVALID_BODY_SIZE, 1);
            assertError(client.call(Frames.request(1, Frames.LOOKUP_ACCOUNTS, 1, 2, new byte[9])),
                Frames.INVALID_BODY_SIZE, 2);
            assertError(client.call(Frames.request(1, Frames.QUERY_TRANSFERS, 1, 3, new byte[63])),
                Frames.INVALID_BODY_SIZE, 3);
            assertError(client.call(Frames.request(1, Frames.STATE_HASH, 0, 4, new byte[4])),
                Frames.INVALID_BODY_SIZE, 4);
            assertEquals(hash, client.call(Frames.stateHash(5)).stateHash(), "account 50 was not created");
        }
        fixture.assertServing(hash);
    }

    @Test
    void shouldRejectALengthBelowTheHeaderAndClose() {
        final long hash = startWithAccounts();
        for (final int length : new int[] {0, 8, 15}) {
            try (WireClient client = fixture.connect()) {
                client.send(ByteBuffer.allocate(4 + length).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array());
                assertError(client.read(), Frames.FRAME_TOO_LARGE, 0);
                assertTrue(client.awaitClosedByServer());
            }
        }
        fixture.assertServing(hash);
    }

    @Test
    void shouldRejectAnOversizedLengthWithoutWaitingForTheBodyAndClose() {
        final long hash = startWithAccounts();
        for (final long length : new long[] {GatewayConfig.FRAME_MAX_LIMIT + 1L, 0xFFFF_FFF0L}) {
            try (WireClient client = fixture.connect()) {
                final byte[] header = Frames.request(1, Frames.LOOKUP_ACCOUNTS, 8, 9, new byte[0]);
                ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) length);
                client.send(header);
                assertError(client.read(), Frames.FRAME_TOO_LARGE, 0);
                assertTrue(client.awaitClosedByServer());
            }
        }
        fixture.assertServing(hash);
    }

    @Test
    void shouldAcceptAFrameOfExactlyTheLimitAsAFrame() {
        final long hash = startWithAccounts();
        try (WireClient client = fixture.connect()) {
            final int ids = (GatewayConfig.FRAME_MAX_LIMIT - 16) / 8;
            final Frames.Reply reply =
                client.call(Frames.request(1, Frames.LOOKUP_ACCOUNTS, ids, 3, new byte[ids * 8]));
            assertError(reply, Frames.INVALID_COUNT, 3);
            assertEquals(hash, client.call(Frames.stateHash(4)).stateHash(), "the connection stays open");
        }
        fixture.assertServing(hash);
    }

    @Test
    void shouldCarryOnAfterATruncatedFrameAndADisconnect() {
        final long hash = startWithAccounts();
        try (WireClient client = fixture.connect()) {
            final byte[] frame = Frames.createAccounts(1, List.of(Account.of(60, LEDGER, 1, 0)));
            client.send(Arrays.copyOf(frame, 50));
        }
        fixture.assertServing(hash);
        ServerFixture.await(() -> fixture.server.connectionCount() == 0, "the truncated connection is gone");
    }

    @Test
    void shouldCloseAConnectionStuckInTheMiddleOfAFrameButNotAnIdleOne() {
        final Duration timeout = Duration.ofMillis(300);
        final long hash = startWithAccounts(GatewayConfig.ephemeral().withReadTimeout(timeout));
        try (WireClient idle = fixture.connect(); WireClient stuck = fixture.connect()) {
            assertEquals(hash, idle.call(Frames.stateHash(1)).stateHash());
            final byte[] frame = Frames.createAccounts(2, List.of(Account.of(70, LEDGER, 1, 0)));
            stuck.send(Arrays.copyOf(frame, 30));
            assertTrue(stuck.awaitClosedByServer(), "closed after the read timeout");
            assertEquals(hash, idle.call(Frames.stateHash(3)).stateHash(), "idle between frames is fine");
        }
        fixture.assertServing(hash);
    }

    @Test
    void shouldStopReadingAClientThatNeverReadsItsRepliesAndServeTheOthers() throws Exception {
        final long hash = startWithAccounts();
        final long[] ids = new long[8190];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1;
        }
        final byte[] bigLookup = Frames.lookup(Frames.LOOKUP_ACCOUNTS, 1, ids);
        final AtomicInteger sent = new AtomicInteger();
        final ExecutorService writer = Executors.newSingleThreadExecutor();
        try (WireClient hog = fixture.connect()) {
            final Future<?> writing = writer.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    hog.send(bigLookup);
                    sent.incrementAndGet();
                }
            });
            ServerFixture.await(() -> fixture.server.pausedConnections() == 1, "the server stops reading the hog");
            fixture.assertServing(hash);
            assertFalse(writing.isDone(), "the hog's writes are held back by TCP: sent " + sent.get());
        } finally {
            writer.shutdownNow();
            writer.awaitTermination(WireClient.READ_GUARD_MS, TimeUnit.MILLISECONDS);
        }
        ServerFixture.await(() -> fixture.server.connectionCount() == 0, "the hog's connection is gone");
        fixture.assertServing(hash);
    }

    @Test
    void shouldSurviveHundredsOfConnectionsOpenedAndClosedQuickly() throws Exception {
        final long hash = startWithAccounts();
        final ExecutorService threads = Executors.newFixedThreadPool(4);
        final List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(threads.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    try (WireClient client = fixture.connect()) {
                        if (i % 3 == 1) {
                            client.send(Arrays.copyOf(Frames.stateHash(i), 10));
                        } else if (i % 3 == 2) {
                            client.send(Frames.stateHash(i));
                        }
                    }
                }
                return null;
            }));
        }
        for (final Future<?> future : done) {
            future.get(WireClient.READ_GUARD_MS, TimeUnit.MILLISECONDS);
        }
        threads.shutdown();
        fixture.assertServing(hash);
        ServerFixture.await(() -> fixture.server.connectionCount() == 0, "every connection is gone");
    }

    /** Starts the server and creates all the accounts of ids 1..8190; answers the state hash. */
    private long startWithAccounts() {
        return startWithAccounts(GatewayConfig.ephemeral());
    }

    private long startWithAccounts(final GatewayConfig config) {
        fixture = ServerFixture.start(EngineConfig.defaults(), config);
        final List<Account> accounts = new ArrayList<>();
        for (int id = 1; id <= 8190; id++) {
            accounts.add(Account.of(id, LEDGER, 1 + id % 7, 0));
        }
        try (WireClient client = fixture.connect()) {
            final Frames.Reply reply = client.call(Frames.createAccounts(1, accounts));
            reply.createResults().forEach(result -> assertEquals(0, result[0], "created"));
        }
        return fixture.stateHash();
    }

    private static void assertError(final Frames.Reply reply, final int error, final long requestId) {
        assertEquals(error, reply.error(), reply::message);
        assertEquals(requestId, reply.requestId());
        assertEquals(0, reply.count());
        assertEquals(1, reply.version());
        assertFalse(reply.message().isEmpty(), "a message for humans");
    }
}
