package io.ringbook.engine;

import io.ringbook.model.Account;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateResult;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.pipeline.EngineHaltedException;
import io.ringbook.engine.pipeline.JournalSink;
import io.ringbook.engine.pipeline.RecordingJournalSink;
import io.ringbook.engine.pipeline.RingbookBusyException;
import io.ringbook.engine.state.LedgerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded async API: same answers as the direct ledger, concurrency, back-pressure, halting and closing. */
class RingbookTest {
    /** Only a guard against hangs; nothing here measures time. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    private static final Duration LONG_HANG_GUARD = Duration.ofSeconds(120);
    private static final int CREATED = CreateAccountResult.CREATED.code();
    private static final long MS = 1_000_000L;

    private final List<Ringbook> started = new ArrayList<>();
    private final RecordingJournalSink sink = new RecordingJournalSink();

    @AfterEach
    void closeAll() {
        sink.openCommits();
        started.forEach(Ringbook::close);
    }

    @Test
    void shouldAnswerLikeTheDirectLedgerForTheSameRequestsAndArrivalTimes() {
        final long seed = Long.getLong("ringbook.seed", System.nanoTime());
        assertTimeoutPreemptively(LONG_HANG_GUARD, () -> new Differential(seed).run(), "seed " + seed);
    }

    @Test
    void shouldReturnTheResultsOfALargeRequestInInputOrder() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final Ringbook ringbook = start(config());
            final List<Account> accounts = new ArrayList<>();
            for (int id = 1; id <= 5000; id++) {
                accounts.add(Account.of(id, 1, 1, 0));
            }
            final List<CreateResult> results = ringbook.createAccounts(accounts).get();
            assertEquals(5000, results.size());
            for (int i = 0; i < results.size(); i++) {
                assertEquals(new CreateResult(i, i + 1, CREATED, results.get(i).timestamp()), results.get(i));
                assertTrue(i == 0 || results.get(i - 1).timestamp() < results.get(i).timestamp());
            }
        });
    }

    @Test
    void shouldAnswerAPulseWithTheLastAssignedTimestamp() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final Ringbook ringbook = start(config());
            final List<CreateResult> results = ringbook.createAccounts(List.of(Account.of(1, 1, 1, 0),
                Account.of(2, 1, 1, 0))).get();
            final Ringbook.Pulse pulse = ringbook.pulse().get();
            assertEquals(0, pulse.expired());
            assertEquals(results.get(1).timestamp(), pulse.lastTimestamp(), "nothing expired, so no new timestamp");
        });
    }

    @Test
    void shouldGiveEveryConcurrentCallerExactlyItsOwnResults() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final Ringbook ringbook = start(config());
            final ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                final List<Future<Integer>> checked = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    final long firstId = 1 + t * 100_000L;
                    checked.add(callers.submit(() -> createAndCheck(ringbook, firstId)));
                }
                for (final Future<Integer> future : checked) {
                    assertEquals(200, future.get());
                }
            } finally {
                callers.shutdownNow();
            }
        });
    }

    @Test
    void shouldNeverInterleaveALinkedChainWithAnotherRequest() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final Ringbook ringbook = start(config());
            final ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                final List<Future<Integer>> checked = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    final long firstId = 1 + t * 100_000L;
                    checked.add(callers.submit(() -> createChainsAndCheck(ringbook, firstId)));
                }
                for (final Future<Integer> future : checked) {
                    assertEquals(100, future.get());
                }
            } finally {
                callers.shutdownNow();
            }
        });
    }

    @Test
    void shouldFailFastWithBusyWhenTheRingIsFullAndCompleteTheAcceptedOnesLater() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final Ringbook ringbook = start(config().withRequestSizeMax(16).withRingSize(16));
            sink.holdCommits();
            final List<CompletableFuture<List<CreateResult>>> accepted = new ArrayList<>();
            for (int id = 1; id <= 16; id++) {
                accepted.add(ringbook.createAccounts(List.of(Account.of(id, 1, 1, 0))));
            }
            final CompletableFuture<List<CreateResult>> refused =
                ringbook.createAccounts(List.of(Account.of(17, 1, 1, 0)));
            assertTrue(refused.isCompletedExceptionally(), "a full ring answers at once");
            assertInstanceOf(RingbookBusyException.class, failure(refused));
            assertTrue(accepted.stream().noneMatch(CompletableFuture::isDone), "nothing answered before commit");

            sink.openCommits();
            for (int i = 0; i < accepted.size(); i++) {
                final CreateResult result = accepted.get(i).get().get(0);
                assertEquals(i + 1, result.id());
                assertEquals(CREATED, result.status());
            }
        });
    }

    @Test
    void shouldFailTheOutstandingAndEveryLaterRequestOnceTheEngineHalted() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final Ringbook ringbook = start(config());
            sink.failOnId(3);
            assertEquals(CREATED, ringbook.createAccounts(List.of(Account.of(1, 1, 1, 0))).get().get(0).status());

            assertInstanceOf(EngineHaltedException.class,
                failure(ringbook.createAccounts(List.of(Account.of(3, 1, 1, 0)))));
            assertInstanceOf(EngineHaltedException.class,
                failure(ringbook.createAccounts(List.of(Account.of(4, 1, 1, 0)))));
            assertInstanceOf(EngineHaltedException.class, failure(ringbook.lookupAccounts(1)));
            assertInstanceOf(EngineHaltedException.class, failure(ringbook.stateHash()));
        });
    }

    @Test
    void shouldCompleteEveryAcceptedRequestBeforeCloseReturns() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final Ringbook ringbook = start(config());
            sink.holdCommits();
            final List<CompletableFuture<List<CreateResult>>> accepted = new ArrayList<>();
            for (int id = 1; id <= 10; id++) {
                accepted.add(ringbook.createAccounts(List.of(Account.of(id, 1, 1, 0))));
            }
            sink.awaitCommitEntered();
            final Thread closer = new Thread(ringbook::close, "closer");
            closer.start();
            while (!(failureIfDone(ringbook.lookupAccounts(1)) instanceof IllegalStateException)) {
                Thread.onSpinWait();
            }
            sink.openCommits();
            closer.join();
            for (final CompletableFuture<List<CreateResult>> future : accepted) {
                assertTrue(future.isDone());
                assertEquals(CREATED, future.get().get(0).status());
            }
            assertTrue(sink.isClosed());
        });
    }

    @Test
    void shouldRefuseToCloseFromACallbackOnTheReplyThread() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            final Ringbook ringbook = start(config());
            sink.holdCommits();
            final CompletableFuture<String> closedInCallback = ringbook.createAccounts(List.of(Account.of(1, 1, 1, 0)))
                .thenApply(results -> {
                    try {
                        ringbook.close();
                        return "closed on " + Thread.currentThread().getName();
                    } catch (final IllegalStateException e) {
                        return "refused on " + Thread.currentThread().getName();
                    }
                });
            sink.openCommits();
            assertEquals("refused on ringbook-reply", closedInCallback.get());
            assertEquals(CREATED, ringbook.createAccounts(List.of(Account.of(2, 1, 1, 0))).get().get(0).status());
        });
    }

    @Test
    void shouldFailRequestsOfNoEventsOrMoreThanBatchSizeMaxWithIllegalArgument() {
        final Ringbook ringbook = start(config().withRequestSizeMax(10));
        assertInstanceOf(IllegalArgumentException.class, failure(ringbook.createAccounts(List.of())));
        assertInstanceOf(IllegalArgumentException.class, failure(ringbook.createTransfers(List.of())));
        assertInstanceOf(IllegalArgumentException.class, failure(ringbook.lookupAccounts()));
        assertInstanceOf(IllegalArgumentException.class, failure(ringbook.lookupTransfers(new long[11])));
    }

    @Test
    void shouldFailRequestsAfterCloseWithIllegalState() {
        final Ringbook ringbook = start(config());
        ringbook.close();
        assertInstanceOf(IllegalStateException.class,
            failure(ringbook.createAccounts(List.of(Account.of(1, 1, 1, 0)))));
        assertInstanceOf(IllegalStateException.class, failure(ringbook.pulse()));
    }

    private EngineConfig config() {
        return EngineConfig.defaults().withRingSize(16_384).withLedgerConfig(LedgerConfig.of(20_000, 20_000))
            .withJournalSink(sink);
    }

    private Ringbook start(final EngineConfig config) {
        final Ringbook ringbook = Ringbook.start(config);
        started.add(ringbook);
        return ringbook;
    }

    /** 200 requests of 1..4 accounts with ids from {@code firstId}, all in flight at once; checks every answer. */
    private static int createAndCheck(final Ringbook ringbook, final long firstId) throws Exception {
        final Random random = new Random(firstId);
        final List<List<Account>> requests = new ArrayList<>();
        final List<CompletableFuture<List<CreateResult>>> answers = new ArrayList<>();
        long id = firstId;
        for (int r = 0; r < 200; r++) {
            final List<Account> accounts = new ArrayList<>();
            for (int i = random.nextInt(4); i >= 0; i--) {
                accounts.add(Account.of(id++, 1, 1, 0));
            }
            requests.add(accounts);
            answers.add(ringbook.createAccounts(accounts));
        }
        for (int r = 0; r < requests.size(); r++) {
            final List<CreateResult> results = answers.get(r).get();
            assertEquals(requests.get(r).size(), results.size());
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i, results.get(i).index());
                assertEquals(requests.get(r).get(i).id(), results.get(i).id());
                assertEquals(CREATED, results.get(i).status());
            }
        }
        return requests.size();
    }

    /**
     * 100 requests, each a linked chain of four accounts; every second chain ends with an invalid account. Every
     * event consumes one timestamp tick, so a chain's created timestamps are consecutive only if no other request's
     * events were applied in between; a failed chain leaves nothing behind.
     */
    private static int createChainsAndCheck(final Ringbook ringbook, final long firstId) throws Exception {
        final List<CompletableFuture<List<CreateResult>>> answers = new ArrayList<>();
        for (int r = 0; r < 100; r++) {
            final long id = firstId + r * 4L;
            final int lastLedger = r % 2 == 0 ? 1 : 0;
            answers.add(ringbook.createAccounts(List.of(Account.of(id, 1, 1, AccountFlags.LINKED),
                Account.of(id + 1, 1, 1, AccountFlags.LINKED), Account.of(id + 2, 1, 1, AccountFlags.LINKED),
                Account.of(id + 3, lastLedger, 1, 0))));
        }
        for (int r = 0; r < answers.size(); r++) {
            final long id = firstId + r * 4L;
            final List<CreateResult> results = answers.get(r).get();
            if (r % 2 == 0) {
                for (int i = 0; i < 4; i++) {
                    assertEquals(CREATED, results.get(i).status());
                    assertEquals(results.get(0).timestamp() + i, results.get(i).timestamp(), "chain interleaved");
                }
            } else {
                for (int i = 0; i < 3; i++) {
                    assertEquals(CreateAccountResult.LINKED_EVENT_FAILED.code(), results.get(i).status());
                }
                assertEquals(CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO.code(), results.get(3).status());
                assertEquals(List.of(), ringbook.lookupAccounts(id, id + 1, id + 2, id + 3).get());
            }
        }
        return answers.size();
    }

    /** The exception a future failed with (waits for it; the caller's hang guard bounds the wait). */
    private static Throwable failure(final CompletableFuture<?> future) {
        return assertThrows(ExecutionException.class, future::get).getCause();
    }

    private static Throwable failureIfDone(final CompletableFuture<?> future) {
        return future.isCompletedExceptionally() ? failure(future) : null;
    }

    /**
     * Seeded random requests, valid and invalid, sent to a Ringbook and to a {@link DirectLedger} with the same
     * arrival times (a manual clock); every answer must be equal. Accounts of odd ids are on ledger 2, even ids on
     * ledger 1, so that most generated transfers are valid and reach the balance rules.
     */
    private final class Differential {
        private static final int STEPS = 600;
        private static final int ACCOUNTS = 40;

        private final long seed;
        private final Random random;
        private final AtomicLong clock = new AtomicLong(1_000_000 * MS);
        private final DirectLedger direct = new DirectLedger(LedgerConfig.of(1000, 10_000));
        private final List<Transfer> submitted = new ArrayList<>();
        private Ringbook ringbook;

        Differential(final long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        void run() throws Exception {
            ringbook = start(EngineConfig.defaults().withRingSize(16_384)
                .withLedgerConfig(LedgerConfig.of(1000, 10_000)).withClock(clock::get));
            final List<Account> opening = new ArrayList<>();
            for (int id = 1; id <= ACCOUNTS; id++) {
                opening.add(account(id));
            }
            assertEquals(direct.createAccounts(opening, clock.get()), ringbook.createAccounts(opening).get(),
                "seed " + seed + " opening accounts");
            for (int step = 0; step < STEPS; step++) {
                clock.addAndGet(random.nextInt(700) * MS);
                step("seed " + seed + " step " + step + ": ");
            }
            assertEquals(direct.stateHash(), (long) ringbook.stateHash().get(), "seed " + seed + " final state");
        }

        private void step(final String where) throws Exception {
            final long now = clock.get();
            switch (random.nextInt(14)) {
                case 0 -> {
                    final List<Account> accounts = list(() -> account(1 + random.nextInt(ACCOUNTS + 5)));
                    assertEquals(direct.createAccounts(accounts, now), ringbook.createAccounts(accounts).get(),
                        where + accounts);
                }
                case 6 -> {
                    final long[] ids = ids(ACCOUNTS + 5);
                    assertEquals(direct.lookupAccounts(ids), ringbook.lookupAccounts(ids).get(), where);
                }
                case 7 -> {
                    final long[] ids = ids(submitted.size() + 5);
                    assertEquals(direct.lookupTransfers(ids), ringbook.lookupTransfers(ids).get(), where);
                }
                case 8 -> {
                    final AccountFilter filter = accountFilter();
                    assertEquals(direct.getAccountTransfers(filter), ringbook.getAccountTransfers(filter).get(),
                        where + filter);
                    assertEquals(direct.getAccountBalances(filter), ringbook.getAccountBalances(filter).get(),
                        where + filter);
                }
                case 9 -> {
                    final QueryFilter filter = new QueryFilter(0, 0, 0, 0, random.nextInt(3), random.nextInt(3), 0,
                        0, 1 + random.nextInt(20), random.nextInt(2));
                    assertEquals(direct.queryAccounts(filter), ringbook.queryAccounts(filter).get(), where + filter);
                    assertEquals(direct.queryTransfers(filter), ringbook.queryTransfers(filter).get(),
                        where + filter);
                }
                case 10 -> {
                    final int ledger = 1 + random.nextInt(2);
                    assertEquals(direct.ledgerTotals(ledger), ringbook.ledgerTotals(ledger).get(), where);
                }
                case 11 -> assertEquals(direct.pulse(now), ringbook.pulse().get().expired(), where + "pulse");
                case 12 -> assertEquals(direct.stateHash(), (long) ringbook.stateHash().get(), where + "hash");
                default -> {
                    final List<Transfer> transfers = list(this::transfer);
                    assertEquals(direct.createTransfers(transfers, now), ringbook.createTransfers(transfers).get(),
                        where + transfers);
                }
            }
        }

        private <T> List<T> list(final Supplier<T> element) {
            final List<T> list = new ArrayList<>();
            for (int i = random.nextInt(6); i >= 0; i--) {
                list.add(element.get());
            }
            return list;
        }

        private long[] ids(final int bound) {
            final long[] ids = new long[1 + random.nextInt(6)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = 1 + random.nextInt(bound);
            }
            return ids;
        }

        private int ledgerOf(final long accountId) {
            return accountId % 2 == 0 ? 1 : 2;
        }

        private Account account(final long id) {
            final int[] flags = {0, 0, 0, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS,
                AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS, AccountFlags.HISTORY, AccountFlags.HISTORY};
            final int linked = random.nextInt(8) == 0 ? AccountFlags.LINKED : 0;
            final int ledger = random.nextInt(15) == 0 ? 0 : ledgerOf(id);
            return Account.of(id, ledger, 1 + random.nextInt(3), flags[random.nextInt(flags.length)] | linked);
        }

        private Transfer transfer() {
            final long debit = 1 + random.nextInt(ACCOUNTS + 2);
            final long credit = random.nextInt(10) == 0 ? 1 + random.nextInt(ACCOUNTS)
                : 2L * random.nextInt(ACCOUNTS / 2) + (debit % 2 == 0 ? 2 : 1);
            final long id = random.nextInt(10) == 0 && !submitted.isEmpty() ? earlier().id() : submitted.size() + 1;
            final Transfer.Builder transfer = Transfer.builder().id(id).debitAccountId(debit).creditAccountId(credit)
                .amount(1 + random.nextInt(100)).ledger(ledgerOf(debit)).code(1 + random.nextInt(2));
            final int kind = submitted.isEmpty() ? 9 : random.nextInt(10);
            if (kind < 3) {
                transfer.flags(TransferFlags.PENDING).timeout(random.nextInt(3));
            } else if (kind < 5) {
                resolve(transfer, earlier(), kind == 3 ? TransferFlags.POST_PENDING_TRANSFER
                    : TransferFlags.VOID_PENDING_TRANSFER);
            } else if (kind == 5) {
                transfer.flags(random.nextBoolean() ? TransferFlags.BALANCING_DEBIT : TransferFlags.BALANCING_CREDIT);
            } else if (kind == 6) {
                final Transfer original = earlier();
                transfer.reversesId(original.id()).debitAccountId(original.creditAccountId())
                    .creditAccountId(original.debitAccountId()).ledger(original.ledger()).code(original.code())
                    .amount(1 + random.nextInt(60));
            }
            if (random.nextInt(6) == 0) {
                transfer.flags(transfer.build().flags() | TransferFlags.LINKED);
            }
            final Transfer built = transfer.build();
            submitted.add(built);
            return built;
        }

        /** Posts or voids {@code pending}: either inheriting its fields or repeating them with a smaller amount. */
        private void resolve(final Transfer.Builder transfer, final Transfer pending, final int flag) {
            transfer.flags(flag).pendingId(pending.id());
            if (random.nextBoolean()) {
                transfer.debitAccountId(0).creditAccountId(0).ledger(0).code(0).amount(Transfer.AMOUNT_MAX);
            } else {
                transfer.debitAccountId(pending.debitAccountId()).creditAccountId(pending.creditAccountId())
                    .ledger(pending.ledger()).code(pending.code()).amount(1 + random.nextInt(100));
            }
        }

        private Transfer earlier() {
            return submitted.get(random.nextInt(submitted.size()));
        }

        private AccountFilter accountFilter() {
            final int[] flags = {AccountFilter.DEBITS | AccountFilter.CREDITS, AccountFilter.DEBITS,
                AccountFilter.CREDITS, AccountFilter.ALL, 0};
            return AccountFilter.of(1 + random.nextInt(ACCOUNTS), 1 + random.nextInt(20))
                .withFlags(flags[random.nextInt(flags.length)]);
        }
    }

    /** Every setting is checked once, when the config is built. */
    @Nested
    class EngineConfigValidation {
        @Test
        void shouldUseDefaultsThatSuitAnEmbeddedEngine() {
            final EngineConfig config = EngineConfig.defaults();
            assertEquals(65_536, config.ringSize());
            assertEquals(8190, config.requestSizeMax());
            assertEquals(EngineConfig.WaitStrategyType.BLOCKING, config.waitStrategy());
            assertEquals(EngineConfig.HaltPolicy.FAIL_REQUESTS, config.haltPolicy());
            assertEquals(JournalSink.NONE, config.journalSink());
            assertEquals(LedgerConfig.defaults(), config.ledgerConfig());
        }

        @Test
        void shouldRejectARingSizeThatIsNotAPowerOfTwo() {
            assertMessage("ringSize", () -> EngineConfig.defaults().withRingSize(10_000));
            assertMessage("ringSize", () -> EngineConfig.defaults().withRingSize(0));
            assertMessage("ringSize", () -> EngineConfig.defaults().withRingSize(-8));
        }

        @Test
        void shouldRejectARingSmallerThanTheLargestRequest() {
            assertMessage("at least requestSizeMax", () -> EngineConfig.defaults().withRingSize(4096));
        }

        @Test
        void shouldRejectABatchSizeMaxOutsideOneTo8190() {
            assertMessage("requestSizeMax", () -> EngineConfig.defaults().withRequestSizeMax(0));
            assertMessage("requestSizeMax", () -> EngineConfig.defaults().withRequestSizeMax(8191));
        }

        @Test
        void shouldRejectMissingSettings() {
            assertMessage("waitStrategy", () -> EngineConfig.defaults().withWaitStrategy(null));
            assertMessage("ledgerConfig", () -> EngineConfig.defaults().withLedgerConfig(null));
            assertMessage("journalSink", () -> EngineConfig.defaults().withJournalSink(null));
            assertMessage("clock", () -> EngineConfig.defaults().withClock(null));
            assertMessage("haltPolicy", () -> EngineConfig.defaults().withHaltPolicy(null));
        }

        private void assertMessage(final String expected, final Executable build) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }
}
