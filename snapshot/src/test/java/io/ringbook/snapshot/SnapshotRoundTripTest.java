package io.ringbook.snapshot;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.AccountFilter;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.LedgerCut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void loadedLedgerHasTheLiveStateHashAndPassesInvariants() throws IOException {
        final DirectLedger live = LedgerStates.standard();
        final SnapshotInfo info = write(live, dir.resolve("s.rbs"));

        final Ledger loaded = SnapshotFile.load(info.file(), null);

        assertEquals(live.stateHash(), info.stateHash());
        assertEquals(live.stateHash(), loaded.stateHash());
        assertEquals(live.ledger().journalIndex(), loaded.journalIndex());
        assertEquals(live.ledger().lastTimestamp(), loaded.lastTimestamp());
        assertEquals(LedgerStates.config(), loaded.config());
        loaded.checkInvariants();
    }

    @Test
    void everySectionOfTheStandardStateHoldsRows() throws IOException {
        final SnapshotInfo info = write(LedgerStates.standard(), dir.resolve("s.rbs"));
        for (final LedgerCut.Section section : LedgerCut.Section.values()) {
            assertTrue(info.header().rows(section) > 0, section + " is empty: the tests would not cover it");
        }
        assertEquals(Files.size(info.file()), info.bytes());
        assertEquals(4, info.journalIndex());
    }

    @Test
    void loadedLedgerAnswersLookupsAndQueriesLikeTheLiveOne() throws IOException {
        final DirectLedger live = LedgerStates.standard();
        final DirectLedger loaded = new DirectLedger(SnapshotFile.load(write(live, dir.resolve("s.rbs")).file(),
            null));

        assertEquals(live.lookupAccounts(LedgerStates.ACCOUNT_IDS), loaded.lookupAccounts(LedgerStates.ACCOUNT_IDS));
        assertEquals(live.lookupTransfers(LedgerStates.TRANSFER_IDS),
            loaded.lookupTransfers(LedgerStates.TRANSFER_IDS));
        for (final long account : LedgerStates.ACCOUNT_IDS) {
            assertEquals(live.getAccountTransfers(AccountFilter.of(account, 100)),
                loaded.getAccountTransfers(AccountFilter.of(account, 100)));
            assertEquals(live.getAccountBalances(AccountFilter.of(account, 100)),
                loaded.getAccountBalances(AccountFilter.of(account, 100)));
        }
        assertEquals(live.ledgerTotals(1), loaded.ledgerTotals(1));
    }

    @Test
    void loadedLedgerContinuesExactlyAsTheLiveOne() throws IOException {
        final DirectLedger live = LedgerStates.standard();
        final DirectLedger loaded = new DirectLedger(SnapshotFile.load(write(live, dir.resolve("s.rbs")).file(),
            null));
        final long before = live.stateHash();

        assertEquals(LedgerStates.continueWith(live), LedgerStates.continueWith(loaded));
        assertNotEquals(before, live.stateHash(), "the further requests must change the state");
        assertEquals(live.stateHash(), loaded.stateHash());
        assertEquals(live.lookupTransfers(120, 121, 122), loaded.lookupTransfers(120, 121, 122));
        loaded.ledger().checkInvariants();
    }

    @Test
    void loadsIntoLargerCapacitiesAndRefusesSmallerOnes() throws IOException {
        final DirectLedger live = LedgerStates.standard();
        final Path file = write(live, dir.resolve("s.rbs")).file();

        final Ledger larger = SnapshotFile.load(file, LedgerConfig.of(1000, 1000));
        assertEquals(live.stateHash(), larger.stateHash());
        assertEquals(LedgerConfig.of(1000, 1000), larger.config());

        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SnapshotFile.load(file, new LedgerConfig(3, 1000, 1000, 1000)));
        assertTrue(e.getMessage().contains("ACCOUNTS: 6 rows, capacity 3"), e.getMessage());
    }

    @Test
    void emptyLedgerRoundTrips() throws IOException {
        final DirectLedger live = new DirectLedger(LedgerStates.config());
        final SnapshotInfo info = write(live, dir.resolve("empty.rbs"));

        assertEquals(live.stateHash(), SnapshotFile.load(info.file(), null).stateHash());
        assertEquals(0, SnapshotFile.verify(info.file()).accounts());
    }

    @Test
    void writeLeavesNoTemporaryFileAndWritesOnlyWhenComplete() throws IOException {
        final Path file = dir.resolve("s.rbs");
        write(LedgerStates.standard(), file);

        assertTrue(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("s.rbs.tmp")));
    }

    @Test
    void failedWriteRemovesItsTemporaryFile() {
        final DirectLedger live = LedgerStates.standard();
        final Path file = dir.resolve("missing-dir").resolve("s.rbs");
        try (LedgerCut cut = live.snapshotCut()) {
            assertThrows(IOException.class, () -> SnapshotFile.write(file, cut));
        }
        assertFalse(Files.exists(file));
        assertTrue(live.snapshotCut() != null, "the closed cut lets the ledger take the next one");
    }

    @Test
    void smallWriteBufferGivesTheSameFile() throws IOException {
        final DirectLedger live = LedgerStates.standard();
        final Path big = write(live, dir.resolve("big.rbs")).file();
        final Path small = dir.resolve("small.rbs");
        try (LedgerCut cut = live.snapshotCut()) {
            new SnapshotWriter(SnapshotFormat.HEADER_BYTES).write(small, cut);
        }
        final byte[] a = Files.readAllBytes(big);
        final byte[] b = Files.readAllBytes(small);
        // Bytes 96..103 hold the wall-clock write time, which is informational; so the header checksum differs too.
        zero(a, 96, 8);
        zero(b, 96, 8);
        zero(a, 124, 4);
        zero(b, 124, 4);
        assertEquals(a.length, b.length);
        assertTrue(Arrays.equals(a, b), "buffer size must not change the bytes written");
    }

    static SnapshotInfo write(final DirectLedger live, final Path file) throws IOException {
        try (LedgerCut cut = live.snapshotCut()) {
            return SnapshotFile.write(file, cut);
        }
    }

    private static void zero(final byte[] bytes, final int from, final int length) {
        Arrays.fill(bytes, from, from + length, (byte) 0);
    }
}
