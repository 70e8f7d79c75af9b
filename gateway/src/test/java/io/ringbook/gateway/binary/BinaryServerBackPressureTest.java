package io.ringbook.gateway.binary;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.pipeline.JournalSink;
import io.ringbook.gateway.GatewayConfig;
import io.ringbook.model.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full ring answers busy, the in-flight limit stops reading a connection, shutdown refuses new requests but answers
 * the ones in the ring, and a halted engine answers unavailable. A journal sink that holds its commits until the test
 * releases it keeps requests in the ring deterministically.
 */
class BinaryServerBackPressureTest {
    private static final int LEDGER = 1;
    private static final int CREATED = 0;
    private static final long POISON_ID = 666;

    private final HeldJournal journal = new HeldJournal();
    private ServerFixture fixture;

    @AfterEach
    void stop() {
        journal.release();
        fixture.close();
    }

    @Test
    void shouldAnswerBusyWhenTheRingIsFullAndAcceptTheRetryLater() {
        fixture = ServerFixture.start(smallRing(), GatewayConfig.ephemeral());
        try (WireClient client = fixture.connect()) {
            client.send(Frames.createAccounts(1, accounts(1, 16)));
            final Frames.Reply busy = client.call(Frames.createAccounts(2, accounts(17, 1)));
            assertEquals(Frames.BUSY, busy.error(), busy::message);
            assertEquals(2, busy.requestId());
            assertEquals(Frames.CREATE_ACCOUNTS, busy.operation());

            journal.release();
            final Frames.Reply first = client.read();
            assertEquals(1, first.requestId());
            first.createResults().forEach(result -> assertEquals(CREATED, result[0]));
            // The first request's slots are released just after its reply was handed over: retry while busy.
            Frames.Reply retried = client.call(Frames.createAccounts(3, accounts(17, 1)));
            for (int attempt = 0; retried.error() == Frames.BUSY && attempt < 1000; attempt++) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                retried = client.call(Frames.createAccounts(3, accounts(17, 1)));
            }
            assertEquals(CREATED, retried.createResults().get(0)[0]);
        }
    }

    @Test
    void shouldStopReadingAtTheInFlightLimitAndResumeWhenRepliesAreWritten() {
        fixture = ServerFixture.start(smallRing(), GatewayConfig.ephemeral().withMaxInFlight(2));
        try (WireClient client = fixture.connect()) {
            for (int i = 1; i <= 6; i++) {
                client.send(Frames.createAccounts(i, accounts(i, 1)));
            }
            ServerFixture.await(() -> fixture.server.pausedConnections() == 1, "reading stops at 2 in flight");
            assertEquals(2, fixture.ringbook.engine().ringOccupancy(), "only 2 requests were taken in");

            journal.release();
            for (int i = 1; i <= 6; i++) {
                final Frames.Reply reply = client.read();
                assertEquals(i, reply.requestId(), "one connection's requests are applied in order");
                assertEquals(CREATED, reply.createResults().get(0)[0], "never busy: the ring had room");
            }
            ServerFixture.await(() -> fixture.server.pausedConnections() == 0, "reading resumes");
        }
    }

    @Test
    void shouldRefuseNewRequestsWhileAnsweringTheOnesInTheRingThenStopAcceptingAndClose() throws Exception {
        fixture = ServerFixture.start(smallRing(), GatewayConfig.ephemeral());
        try (WireClient client = fixture.connect()) {
            client.send(Frames.createAccounts(1, accounts(1, 1)));
            ServerFixture.await(() -> fixture.ringbook.engine().ringOccupancy() == 1, "the create is in the ring");
            fixture.server.refuseNewRequests();
            client.send(Frames.stateHash(2));
            journal.release();
            final Map<Long, Frames.Reply> replies = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                final Frames.Reply reply = client.read();
                replies.put(reply.requestId(), reply);
            }
            assertEquals(CREATED, replies.get(1L).createResults().get(0)[0], "the request in the ring is answered");
            assertEquals(Frames.UNAVAILABLE, replies.get(2L).error(), "a new request is refused");

            fixture.server.stopAccepting();
            // NIO closes a listening socket registered with a selector at that selector's next select: poll.
            ServerFixture.await(() -> !connects(fixture.port), "new connections are refused");
            assertEquals(Frames.UNAVAILABLE, client.call(Frames.stateHash(3)).error(), "open connections carry on");
            fixture.server.close();
            assertTrue(client.awaitClosedByServer());
        }
    }

    @Test
    void shouldAnswerUnavailableOnceTheEngineHalted() {
        fixture = ServerFixture.start(EngineConfig.defaults().withJournalSink(journal), GatewayConfig.ephemeral());
        journal.release();
        try (WireClient client = fixture.connect()) {
            assertEquals(CREATED, client.call(Frames.createAccounts(1, accounts(1, 1))).createResults().get(0)[0]);
            final Frames.Reply poisoned = client.call(Frames.createAccounts(2, accounts(POISON_ID, 1)));
            assertEquals(Frames.UNAVAILABLE, poisoned.error(), poisoned::message);
            assertEquals(2, poisoned.requestId());
            final Frames.Reply later = client.call(Frames.lookup(Frames.LOOKUP_ACCOUNTS, 3, 1));
            assertEquals(Frames.UNAVAILABLE, later.error(), later::message);
            assertEquals(3, later.requestId());
        }
    }

    private static boolean connects(final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), WireClient.READ_GUARD_MS);
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    private EngineConfig smallRing() {
        return EngineConfig.defaults().withRequestSizeMax(16).withRingSize(16).withJournalSink(journal);
    }

    private static List<Account> accounts(final long firstId, final int count) {
        final List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            accounts.add(Account.of(firstId + i, LEDGER, 1, 0));
        }
        return accounts;
    }

    /** Holds every commit until released; fails the append of {@link #POISON_ID} (which halts the engine). */
    private static final class HeldJournal implements JournalSink {
        private final CountDownLatch released = new CountDownLatch(1);

        void release() {
            released.countDown();
        }

        @Override
        public void append(final Command command, final long sequence) {
            if (command.id == POISON_ID) {
                throw new IllegalStateException("injected journal failure");
            }
        }

        @Override
        public void commit() {
            try {
                released.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", e);
            }
        }

        @Override
        public void close() {
        }
    }
}
