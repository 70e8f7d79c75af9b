package io.ringbook.engine.pipeline;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.EngineConfig.WaitStrategyType;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandFiller;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.command.RequestLayout;
import io.ringbook.model.Account;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline's wiring: stage order, journal contents, back-pressure, halting and closing. */
class RingbookEngineTest {
    /** Only a guard against hangs; nothing here measures time. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    private static final int CREATED = CreateAccountResult.CREATED.code();

    private final List<RingbookEngine> engines = new ArrayList<>();
    private final RecordingJournalSink sink = new RecordingJournalSink();
    private final RecordingReplier replier = new RecordingReplier(sink);

    @AfterEach
    void closeEngines() {
        sink.openCommits();
        engines.forEach(RingbookEngine::close);
    }

    @Test
    void shouldJournalExactlyTheMutatingCommandsInRingOrderAndCommitThem() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final RingbookEngine engine = start(config());
            engine.tryPublish(Operation.CREATE_ACCOUNTS, 2, "accounts", RequestLayout.ACCOUNTS,
                List.of(Account.of(1, 1, 1, 0), Account.of(2, 1, 1, 0)));
            engine.tryPublish(Operation.LOOKUP_ACCOUNTS, 2, "lookup", RequestLayout.IDS, new long[] {1, 2});
            engine.tryPublish(Operation.CREATE_TRANSFERS, 1, "transfers", RequestLayout.TRANSFERS,
                List.of(Transfer.builder().id(10).debitAccountId(1).creditAccountId(2).amount(5).ledger(1).code(1)
                    .build()));
            engine.tryPublish(Operation.QUERY_ACCOUNTS, 5, "query", RequestLayout.QUERY_FILTER,
                QueryFilter.of(1, 0, 5));
            engine.tryPublish(Operation.PULSE, 1, "pulse", RequestLayout.NO_INPUT, null);
            for (int i = 0; i < 5; i++) {
                assertFalse(replier.take().halted());
            }
            engine.close();

            final List<RecordingJournalSink.Entry> journaled = sink.committed();
            assertEquals(List.of(Operation.CREATE_ACCOUNTS, Operation.CREATE_ACCOUNTS, Operation.CREATE_TRANSFERS,
                Operation.PULSE), journaled.stream().map(RecordingJournalSink.Entry::operation).toList());
            assertEquals(List.of(1L, 2L, 10L, 0L), journaled.stream().map(RecordingJournalSink.Entry::id).toList());
            for (int i = 1; i < journaled.size(); i++) {
                assertTrue(journaled.get(i - 1).sequence() < journaled.get(i).sequence(), "ring order");
            }
            assertTrue(sink.commits() >= 1);
            assertTrue(sink.isClosed());
        });
    }

    @Test
    void shouldReleaseRepliesOnlyAfterTheJournalCommitReturned() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final RingbookEngine engine = start(config());
            sink.holdCommits();
            publishAccounts(engine, "held", 1);
            sink.awaitCommitEntered();
            assertNull(replier.poll(), "no reply while the journal commit is held");
            sink.openCommits();
            assertTrue(replier.take().journaledFirst());

            for (int id = 2; id <= 200; id++) {
                publishAccounts(engine, "r" + id, id);
            }
            for (int id = 2; id <= 200; id++) {
                final Reply reply = replier.take();
                assertEquals(List.of((long) id), reply.ids());
                assertTrue(reply.journaledFirst(), "request " + id + " was answered before its commit");
            }
        });
    }

    @Test
    void shouldAnswerBusyWhenTheRingIsFullAndCatchUpOnceTheJournalMoves() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final RingbookEngine engine = start(config().withRequestSizeMax(16).withRingSize(16));
            sink.holdCommits();
            for (int id = 1; id <= 16; id++) {
                assertEquals(PublishResult.PUBLISHED, publishAccounts(engine, "r" + id, id));
            }
            assertEquals(PublishResult.BUSY, publishAccounts(engine, "overflow", 17));
            assertEquals(16, engine.ringOccupancy());

            sink.openCommits();
            for (int id = 1; id <= 16; id++) {
                final Reply reply = replier.take();
                assertEquals(List.of((long) id), reply.ids());
                assertEquals(List.of(CREATED), reply.statuses());
            }
            // The reply stage frees its slots at the end of its batch, just after the replier saw the last one.
            PublishResult after = publishAccounts(engine, "after", 17);
            while (after == PublishResult.BUSY) {
                Thread.onSpinWait();
                after = publishAccounts(engine, "after", 17);
            }
            assertEquals(PublishResult.PUBLISHED, after);
            assertEquals(List.of(CREATED), replier.take().statuses());
        });
    }

    @Test
    void shouldHaltAndFailTheOutstandingAndEveryLaterRequestWhenTheJournalThrows() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final RingbookEngine engine = start(config());
            sink.failOnId(3);
            publishAccounts(engine, "ok", 1);
            assertFalse(replier.take().halted());

            publishAccounts(engine, "fails", 3);
            final Reply failed = replier.take();
            assertEquals("fails", failed.context());
            assertTrue(failed.halted());
            assertTrue(engine.isHalted());
            assertTrue(engine.haltCause().getMessage().contains("injected journal failure"));
            assertEquals(PublishResult.HALTED, publishAccounts(engine, "later", 4));
        });
    }

    @Test
    void shouldHaltAndFailTheRequestItWasAnsweringWhenTheReplierThrows() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final RingbookEngine engine = start(config());
            replier.failNextReply();
            publishAccounts(engine, "first", 1);
            final Reply reply = replier.take();
            assertEquals("first", reply.context());
            assertTrue(reply.halted());
            assertTrue(engine.isHalted());
            assertEquals(PublishResult.HALTED, publishAccounts(engine, "later", 2));
        });
    }

    @Test
    void shouldSkipARequestWhoseFillerThrewAndKeepServing() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final RingbookEngine engine = start(config());
            final CommandFiller<List<Account>> failsAtSecond = (slot, index, accounts) -> {
                if (index == 1) {
                    throw new IllegalStateException("bad input");
                }
                RequestLayout.ACCOUNTS.fill(slot, index, accounts);
            };
            final List<Account> accounts = List.of(Account.of(1, 1, 1, 0), Account.of(2, 1, 1, 0));
            assertThrows(IllegalStateException.class,
                () -> engine.tryPublish(Operation.CREATE_ACCOUNTS, 2, "abandoned", failsAtSecond, accounts));

            engine.tryPublish(Operation.LOOKUP_ACCOUNTS, 2, "lookup", RequestLayout.IDS, new long[] {1, 2});
            final Reply lookup = replier.take();
            assertEquals("lookup", lookup.context(), "the abandoned request gets no reply");
            assertEquals(List.of(0, 0), lookup.statuses(), "nothing of the abandoned request was applied");
            assertFalse(engine.isHalted());
            engine.close();
            assertEquals(List.of(), sink.committed(), "nothing of the abandoned request was journaled");
        });
    }

    @Test
    void shouldRunStagesOnNamedDaemonThreadsAndCloseTheSinkOnTheJournalThread() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final RingbookEngine engine = start(config());
            publishAccounts(engine, "one", 1);
            assertEquals("ringbook-reply", replier.take().thread());
            assertEquals("ringbook-journal", sink.appendThread());
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("ringbook-ledger") && t.isDaemon()));
            engine.close();
            assertEquals("ringbook-journal", sink.closeThread());
        });
    }

    @Test
    void shouldAnswerEveryAcceptedRequestBeforeCloseReturns() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final RingbookEngine engine = start(config());
            sink.holdCommits();
            for (int id = 1; id <= 10; id++) {
                publishAccounts(engine, "r" + id, id);
            }
            sink.awaitCommitEntered();
            final Thread closer = new Thread(engine::close, "closer");
            closer.start();
            // Requests offered until close() has begun are accepted too, and must be answered as well.
            int accepted = 10;
            for (PublishResult late = publishAccounts(engine, "late", 99); late != PublishResult.CLOSED;
                 late = publishAccounts(engine, "late", 99)) {
                accepted += late == PublishResult.PUBLISHED ? 1 : 0;
            }
            sink.openCommits();
            closer.join();
            assertEquals(accepted, replier.size());
            assertTrue(sink.isClosed());
        });
    }

    @Test
    void shouldRejectRequestsOfNoEventsOrMoreThanBatchSizeMax() {
        final RingbookEngine engine = start(config().withRequestSizeMax(4));
        assertThrows(IllegalArgumentException.class,
            () -> engine.tryPublish(Operation.PULSE, 0, "none", RequestLayout.NO_INPUT, null));
        assertThrows(IllegalArgumentException.class,
            () -> engine.tryPublish(Operation.LOOKUP_ACCOUNTS, 5, "five", RequestLayout.IDS, new long[5]));
    }

    @ParameterizedTest
    @EnumSource(WaitStrategyType.class)
    void shouldAnswerRequestsWithEveryWaitStrategy(final WaitStrategyType waitStrategy) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final RingbookEngine engine = start(config().withWaitStrategy(waitStrategy));
            for (int id = 1; id <= 20; id++) {
                publishAccounts(engine, "r" + id, id);
            }
            for (int id = 1; id <= 20; id++) {
                assertEquals(List.of(CREATED), replier.take().statuses());
            }
        });
    }

    private EngineConfig config() {
        return EngineConfig.defaults().withRequestSizeMax(256).withRingSize(1024)
            .withLedgerConfig(LedgerConfig.of(1000, 1000)).withJournalSink(sink);
    }

    private RingbookEngine start(final EngineConfig config) {
        final RingbookEngine engine = new RingbookEngine(config, new Ledger(config.ledgerConfig()), replier);
        engines.add(engine);
        engine.start();
        return engine;
    }

    private static PublishResult publishAccounts(final RingbookEngine engine, final String context, final long id) {
        return engine.tryPublish(Operation.CREATE_ACCOUNTS, 1, context, RequestLayout.ACCOUNTS,
            List.of(Account.of(id, 1, 1, 0)));
    }

    /** What the replier saw of one request. */
    private record Reply(Object context, List<Long> ids, List<Integer> statuses, boolean halted,
                         boolean journaledFirst, String thread) {
    }

    /** Copies each request's answer, and checks that its mutating events were committed before it was answered. */
    private static final class RecordingReplier implements Replier {
        private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
        private final RecordingJournalSink sink;
        private volatile boolean failNext;

        RecordingReplier(final RecordingJournalSink sink) {
            this.sink = sink;
        }

        void failNextReply() {
            failNext = true;
        }

        @Override
        public void onReply(final CommandRequest request) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("injected replier failure");
            }
            replies.add(copy(request, false));
        }

        @Override
        public void onHalted(final CommandRequest request, final Throwable cause) {
            replies.add(copy(request, true));
        }

        Reply take() throws InterruptedException {
            return replies.take();
        }

        Reply poll() {
            return replies.poll();
        }

        int size() {
            return replies.size();
        }

        private Reply copy(final CommandRequest request, final boolean halted) {
            final List<Long> ids = new ArrayList<>();
            final List<Integer> statuses = new ArrayList<>();
            boolean journaled = true;
            for (int i = 0; i < request.size(); i++) {
                final Command slot = request.get(i);
                ids.add(slot.id);
                statuses.add(slot.status);
                journaled &= !slot.operation.isMutating() || sink.isCommitted(slot.id);
            }
            return new Reply(request.get(0).context, ids, statuses, halted, journaled,
                Thread.currentThread().getName());
        }
    }
}
