package io.ringbook.store;

import io.ringbook.engine.EngineConfig;
import io.ringbook.model.Account;
import io.ringbook.model.Transfer;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.journal.JournalCorruptException;
import io.ringbook.snapshot.SnapshotInfo;
import io.ringbook.snapshot.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Determinism of durability: the live state equals a replay of the journal from scratch, and equals the newest
 * snapshot plus the journal after it, and an older snapshot plus a longer tail; a corrupt snapshot falls back to an
 * older one; an altered journal refuses to start.
 */
class RecoveryTest {
    private static final LedgerConfig LEDGER = new LedgerConfig(10_000, 300_000, 100_000, 300_000);

    @TempDir
    Path data;

    private StoreConfig config() {
        final AtomicLong clock = new AtomicLong(1_000_000_000L);
        return StoreConfig.defaults(data)
            .withEngine(EngineConfig.defaults().withLedgerConfig(LEDGER).withClock(() -> clock.addAndGet(1_000)))
            .withSnapshotEveryEvents(0).withSnapshotEvery(Duration.ZERO).withSnapshotsKept(5);
    }

    /** Runs traffic with a snapshot in the middle; returns the live state hash before close. */
    private long runWithSnapshotInTheMiddle() {
        final Traffic traffic = new Traffic(42, LEDGER);
        try (LedgerStore store = LedgerStore.open(config())) {
            traffic.run(store.ringbook(), 300);
            store.snapshot().join();
            assertEquals(1, store.snapshotsWritten());
            traffic.run(store.ringbook(), 300);
            return store.ringbook().stateHash().join();
        }
    }

    private Recovery.Result recover(final Path snapshots) {
        return Recovery.recover(data.resolve("journal"), snapshots, LEDGER, Long.MAX_VALUE);
    }

    @Test
    void shouldRecoverTheLiveStateFromTheJournalAloneAndFromEverySnapshotPlusItsTail(@TempDir final Path other)
        throws IOException {
        final long live = runWithSnapshotInTheMiddle();
        final List<SnapshotInfo> snapshots = SnapshotStore.open(data.resolve("snapshots"), 5).list();
        assertEquals(2, snapshots.size(), "the one taken on demand and the one taken at close");

        assertEquals(live, recover(data.resolve("snapshots")).ledger().stateHash(), "newest snapshot");
        assertEquals(live, recover(other.resolve("none")).ledger().stateHash(), "journal from scratch");
        final Path olderOnly = Files.createDirectories(other.resolve("older"));
        final SnapshotInfo older = snapshots.get(1);
        Files.copy(older.file(), olderOnly.resolve(older.file().getFileName()));
        final Recovery.Result tail = recover(olderOnly);
        assertEquals(older.journalIndex(), tail.snapshot().orElseThrow().journalIndex());
        assertTrue(tail.replay().requests() > 0, "a tail was replayed");
        assertEquals(live, tail.ledger().stateHash(), "older snapshot + longer tail");
    }

    @Test
    void shouldReopenWithTheSameStateAndContinue() {
        final long live = runWithSnapshotInTheMiddle();
        try (LedgerStore store = LedgerStore.open(config())) {
            assertEquals(live, store.ringbook().stateHash().join());
            new Traffic(43, LEDGER).run(store.ringbook(), 50);
        }
        try (LedgerStore store = LedgerStore.open(config())) {
            store.ringbook().lookupAccounts(1).join();
            assertEquals(recover(data.resolve("nothing")).ledger().stateHash(), store.ringbook().stateHash().join());
        }
    }

    @Test
    void shouldFallBackToTheOlderSnapshotWhenTheNewestIsCorrupt() throws IOException {
        final long live = runWithSnapshotInTheMiddle();
        final List<SnapshotInfo> snapshots = SnapshotStore.open(data.resolve("snapshots"), 5).list();
        Corruption.flipByte(snapshots.get(0).file(), Files.size(snapshots.get(0).file()) / 2);
        final Recovery.Result result = recover(data.resolve("snapshots"));
        assertEquals(snapshots.get(1).journalIndex(), result.snapshot().orElseThrow().journalIndex());
        assertEquals(live, result.ledger().stateHash());
    }

    @Test
    void shouldSnapshotAReplayedTailOnAGracefulStopSoTheNextStartReplaysNothing() throws IOException {
        final long live = runWithSnapshotInTheMiddle();
        DataDirectories.deleteSnapshots(data);
        try (LedgerStore store = LedgerStore.open(config())) {
            assertTrue(store.recovery().orElseThrow().replay().events() > 0, "the whole journal was replayed");
        }
        try (LedgerStore store = LedgerStore.open(config())) {
            final Recovery.Result recovery = store.recovery().orElseThrow();
            assertTrue(recovery.snapshot().isPresent(), "the stop after recovery wrote a snapshot");
            assertEquals(0, recovery.replay().events());
            assertEquals(live, store.ringbook().stateHash().join());
        }
    }

    @Test
    void shouldRefuseToStartWhenAJournalEntryWasAltered() throws IOException {
        final long marker = 0x0123_4567_89AB_CDEFL;
        try (LedgerStore store = LedgerStore.open(config())) {
            store.ringbook().createAccounts(List.of(Account.of(1, 1, 1, 0), Account.of(2, 1, 1, 0))).join();
            store.ringbook().createTransfers(List.of(Transfer.builder().id(7).debitAccountId(1).creditAccountId(2)
                .amount(5).ledger(1).code(1).userData64(marker).build())).join();
        }
        DataDirectories.deleteSnapshots(data);
        assertTrue(Corruption.flipLongInJournal(data.resolve("journal"), marker), "marker found in the journal");
        final JournalCorruptException e = assertThrows(JournalCorruptException.class,
            () -> LedgerStore.open(config()).close());
        assertTrue(e.getMessage().contains("ringbook-replay verify"), e.getMessage());
    }
}
