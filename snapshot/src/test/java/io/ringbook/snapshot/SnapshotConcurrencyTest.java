package io.ringbook.snapshot;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.Ringbook;
import io.ringbook.model.Account;
import io.ringbook.model.CreateResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.LedgerCut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot written through the real engine while another thread keeps changing the rows it holds (posting pending
 * transfers changes old transfer rows and old account balances) holds the state at the cut, not a later one.
 */
class SnapshotConcurrencyTest {
    private static final int ACCOUNTS = 5000;
    private static final int PENDING = 40_000;
    private static final int POSTED = 40_000;
    private static final int BATCH = 4000;
    private static final int POST_BATCH = 500;

    @TempDir
    Path dir;

    @Test
    void snapshotWrittenDuringChangesHoldsTheStateAtTheCut() throws Exception {
        final EngineConfig config = EngineConfig.defaults().withRingSize(16_384)
            .withLedgerConfig(LedgerConfig.of(ACCOUNTS, PENDING * 2 + POSTED + 1000));
        try (Ringbook ringbook = Ringbook.start(config)) {
            load(ringbook);
            final long atCut = ringbook.stateHash().join();
            final LedgerCut cut = ringbook.snapshotCut().join().orElseThrow();
            final CountDownLatch changedSome = new CountDownLatch(3);
            final AtomicBoolean stop = new AtomicBoolean();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread mutator = new Thread(() -> postPending(ringbook, changedSome, stop, failure), "mutator");
            mutator.start();
            final SnapshotInfo info;
            try {
                assertTrue(changedSome.await(30, TimeUnit.SECONDS), "the mutator made no progress");
                info = SnapshotFile.write(dir.resolve("s.rbs"), cut);
            } finally {
                cut.close();
                stop.set(true);
                mutator.join();
            }
            assertNull(failure.get());

            assertTrue(cut.ledgerCopies() > 0, "the ledger thread changed rows the writer had not read yet");
            assertEquals(atCut, info.stateHash());
            final Ledger loaded = SnapshotFile.load(info.file(), null);
            assertEquals(atCut, loaded.stateHash());
            loaded.checkInvariants();
            assertNotEquals(atCut, ringbook.stateHash().join(), "the live state moved on after the cut");
        }
    }

    private static void load(final Ringbook ringbook) {
        final List<Account> accounts = new ArrayList<>();
        for (int id = 1; id <= ACCOUNTS; id++) {
            accounts.add(Account.of(id, 1, 1, 0));
        }
        for (int first = 0; first < ACCOUNTS; first += BATCH) {
            assertAllCreated(ringbook.createAccounts(accounts.subList(first, Math.min(ACCOUNTS, first + BATCH)))
                .join());
        }
        for (int first = 1; first <= PENDING + POSTED; first += BATCH) {
            final List<Transfer> transfers = new ArrayList<>();
            for (int id = first; id < first + BATCH && id <= PENDING + POSTED; id++) {
                transfers.add(transfer(id, id % ACCOUNTS + 1, (id * 7) % ACCOUNTS + 1, id % 100 + 1)
                    .flags(id <= PENDING ? TransferFlags.PENDING : 0).build());
            }
            assertAllCreated(ringbook.createTransfers(transfers).join());
        }
    }

    /** Posts the pending transfers (oldest rows first) until told to stop. */
    private static void postPending(final Ringbook ringbook, final CountDownLatch progress, final AtomicBoolean stop,
                                    final AtomicReference<Throwable> failure) {
        try {
            for (int first = 1; first <= PENDING && !stop.get(); first += POST_BATCH) {
                final List<Transfer> posts = new ArrayList<>();
                for (int pending = first; pending < first + POST_BATCH; pending++) {
                    posts.add(transfer(PENDING + POSTED + pending, pending % ACCOUNTS + 1,
                        (pending * 7) % ACCOUNTS + 1, Transfer.AMOUNT_MAX).pendingId(pending)
                        .flags(TransferFlags.POST_PENDING_TRANSFER).build());
                }
                assertAllCreated(ringbook.createTransfers(posts).join());
                progress.countDown();
            }
        } catch (final RuntimeException | AssertionError e) {
            failure.set(e);
        } finally {
            while (progress.getCount() > 0) {
                progress.countDown();
            }
        }
    }

    private static Transfer.Builder transfer(final long id, final long debit, final long credit, final long amount) {
        final long creditAccount = credit == debit ? credit % ACCOUNTS + 1 : credit;
        return Transfer.builder().id(id).debitAccountId(debit).creditAccountId(creditAccount).amount(amount)
            .ledger(1).code(1);
    }

    private static void assertAllCreated(final List<CreateResult> results) {
        for (final CreateResult result : results) {
            assertEquals(0, result.status(), "event " + result.id());
        }
    }
}
