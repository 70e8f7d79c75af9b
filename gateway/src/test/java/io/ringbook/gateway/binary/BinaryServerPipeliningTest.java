package io.ringbook.gateway.binary;

import io.ringbook.model.Account;
import io.ringbook.model.QueryFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many requests in flight on one connection, and many connections at once: every reply finds its request. */
class BinaryServerPipeliningTest {
    private static final int LEDGER = 1;
    private static final int BATCHES = 20;
    private static final int BATCH = 10;

    private ServerFixture fixture;

    @BeforeEach
    void start() {
        fixture = ServerFixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shouldMatchPipelinedRepliesToTheirRequestsById() throws Exception {
        final int requests = 2000;
        final long stateHashBefore = fixture.stateHash();
        try (WireClient client = fixture.connect()) {
            final ExecutorService writer = Executors.newSingleThreadExecutor();
            final Future<?> sent = writer.submit(() -> {
                for (int i = 0; i < requests; i++) {
                    client.send(pipelined(i));
                }
            });
            final Map<Long, Frames.Reply> replies = new HashMap<>();
            for (int i = 0; i < requests; i++) {
                final Frames.Reply reply = client.read();
                assertEquals(null, replies.put(reply.requestId(), reply), "one reply per request id");
            }
            sent.get(WireClient.READ_GUARD_MS, TimeUnit.MILLISECONDS);
            writer.shutdown();
            for (int i = 0; i < requests; i++) {
                checkPipelined(i, replies.get(requestId(i)), stateHashBefore);
            }
        }
    }

    @Test
    void shouldGiveEachOfManyConcurrentConnectionsExactlyItsOwnResults() throws Exception {
        final int connections = 12;
        final ExecutorService threads = Executors.newFixedThreadPool(connections);
        final List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            final int connection = c;
            done.add(threads.submit(() -> {
                runConnection(connection);
                return null;
            }));
        }
        for (final Future<?> future : done) {
            future.get(WireClient.READ_GUARD_MS * 2L, TimeUnit.MILLISECONDS);
        }
        threads.shutdown();
        final int total = fixture.ringbook.queryAccounts(QueryFilter.of(LEDGER, 0, 8190))
            .get(WireClient.READ_GUARD_MS, TimeUnit.MILLISECONDS).size();
        assertEquals(connections * BATCHES * BATCH, total);
    }

    /** One connection's work: pipelined creates, then pipelined lookups, each checked against its own request. */
    private void runConnection(final int connection) {
        final long base = 1_000_000L * (connection + 1);
        try (WireClient client = fixture.connect()) {
            for (int b = 0; b < BATCHES; b++) {
                final List<Account> accounts = new ArrayList<>();
                for (int k = 0; k < BATCH; k++) {
                    accounts.add(Account.of(base + b * BATCH + k, LEDGER, 1, 0).withUserData(0, 0, connection, b));
                }
                client.send(Frames.createAccounts(((long) connection << 32) | b, accounts));
            }
            for (final Frames.Reply reply : readAll(client, BATCHES, connection).values()) {
                assertEquals(BATCH, reply.createResults().size());
                reply.createResults().forEach(result -> assertEquals(0, result[0], "created"));
            }
            for (int b = 0; b < BATCHES; b++) {
                final long[] ids = new long[BATCH];
                for (int k = 0; k < BATCH; k++) {
                    ids[k] = base + b * BATCH + k;
                }
                client.send(Frames.lookup(Frames.LOOKUP_ACCOUNTS, ((long) connection << 32) | b, ids));
            }
            for (final Map.Entry<Long, Frames.Reply> entry : readAll(client, BATCHES, connection).entrySet()) {
                final int b = (int) (entry.getKey() & 0xFFFFFFFFL);
                final List<Account> found = entry.getValue().accounts();
                assertEquals(BATCH, found.size());
                for (int k = 0; k < BATCH; k++) {
                    assertEquals(base + b * BATCH + k, found.get(k).id());
                    assertEquals(connection, found.get(k).userData64());
                    assertEquals(b, found.get(k).userData32());
                }
            }
        }
    }

    private static Map<Long, Frames.Reply> readAll(final WireClient client, final int count, final int connection) {
        final Map<Long, Frames.Reply> replies = new HashMap<>();
        for (int i = 0; i < count; i++) {
            final Frames.Reply reply = client.read();
            assertEquals(connection, reply.requestId() >>> 32, "a reply of this connection's requests");
            assertEquals(0, reply.error(), reply::message);
            replies.put(reply.requestId(), reply);
        }
        assertEquals(count, replies.size(), "one reply per request");
        return replies;
    }

    private static long requestId(final int i) {
        return 0x5EED_0000_0000L + i * 7919L;
    }

    /** Request i of the pipelined mix: creates, state hashes, lookups of earlier creates, lookups of nothing. */
    private static byte[] pipelined(final int i) {
        switch (i % 4) {
            case 0:
                return Frames.createAccounts(requestId(i), List.of(Account.of(10_000 + i, LEDGER, 1, 0)));
            case 1:
                return Frames.stateHash(requestId(i));
            case 2:
                return Frames.lookup(Frames.LOOKUP_ACCOUNTS, requestId(i), 10_000 + i - 2);
            default:
                return Frames.lookup(Frames.LOOKUP_TRANSFERS, requestId(i), 77);
        }
    }

    private static void checkPipelined(final int i, final Frames.Reply reply, final long stateHashBefore) {
        assertEquals(0, reply.error(), reply::message);
        switch (i % 4) {
            case 0:
                assertEquals(Frames.CREATE_ACCOUNTS, reply.operation());
                assertEquals(0, reply.createResults().get(0)[0], "created");
                break;
            case 1:
                assertEquals(Frames.STATE_HASH, reply.operation());
                assertTrue(reply.stateHash() != stateHashBefore, "the state changed after the first create");
                break;
            case 2:
                assertEquals(10_000 + i - 2, reply.accounts().get(0).id(), "sees the create sent before it");
                break;
            default:
                assertEquals(Frames.LOOKUP_TRANSFERS, reply.operation());
                assertEquals(0, reply.count());
                break;
        }
    }
}
