package io.ringbook.snapshot;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.Account;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.LedgerCut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotStoreTest {
    @TempDir
    Path dir;

    @Test
    void namesFilesByZeroPaddedJournalIndex() throws IOException {
        final SnapshotStore store = SnapshotStore.open(dir.resolve("snapshots"), 2);
        final SnapshotInfo info = write(store, LedgerStates.standard());

        assertEquals("snapshot-00000000000000000004.rbs", info.file().getFileName().toString());
        assertEquals(dir.resolve("snapshots"), info.file().getParent());
        assertEquals(4, SnapshotFormat.journalIndexOf(info.file()));
        assertEquals(-1, SnapshotFormat.journalIndexOf(Path.of("snapshot-4.rbs")));
    }

    @Test
    void keepsTheNewestFilesAndListsThemNewestFirst() throws IOException {
        final SnapshotStore store = SnapshotStore.open(dir, 2);
        final DirectLedger live = LedgerStates.standard();
        final SnapshotInfo first = write(store, live);
        LedgerStates.continueWith(live);
        final SnapshotInfo second = write(store, live);
        live.createAccounts(List.of(Account.of(50, 1, 1, 0)), 100 * LedgerStates.SECOND_NS);
        final SnapshotInfo third = write(store, live);

        final List<SnapshotInfo> listed = store.list();
        assertEquals(List.of(third.file(), second.file()), List.of(listed.get(0).file(), listed.get(1).file()));
        assertEquals(2, listed.size());
        assertFalse(Files.exists(first.file()), "the oldest beyond keep is deleted");
        assertEquals(third.stateHash(), listed.get(0).stateHash());
        assertEquals(live.stateHash(), store.loadNewest(null, Long.MAX_VALUE).orElseThrow().ledger().stateHash());
    }

    @Test
    void loadNewestSkipsADamagedFileToTheOlderOneAndSaysWhy() throws Exception {
        final SnapshotStore store = SnapshotStore.open(dir, 3);
        final DirectLedger live = LedgerStates.standard();
        final SnapshotInfo older = write(store, live);
        LedgerStates.continueWith(live);
        final SnapshotInfo newer = write(store, live);
        final byte[] bytes = Files.readAllBytes(newer.file());
        bytes[SnapshotFormat.HEADER_BYTES + 3] ^= 1;
        Files.write(newer.file(), bytes);

        final String[] log = new String[1];
        final Optional<LoadedSnapshot> loaded = capturingStderr(log, () -> store.loadNewest(null, Long.MAX_VALUE));

        assertEquals(older.file(), loaded.orElseThrow().info().file());
        assertEquals(older.stateHash(), loaded.orElseThrow().ledger().stateHash());
        assertTrue(log[0].contains("WARN") && log[0].contains(newer.file().toString())
            && log[0].contains("ACCOUNTS section checksum mismatch"), log[0]);
    }

    @Test
    void loadNewestRespectsTheJournalIndexBound() throws IOException {
        final SnapshotStore store = SnapshotStore.open(dir, 3);
        final DirectLedger live = LedgerStates.standard();
        final SnapshotInfo older = write(store, live);
        LedgerStates.continueWith(live);
        final SnapshotInfo newer = write(store, live);

        assertEquals(newer.file(), store.loadNewest(null, newer.journalIndex()).orElseThrow().info().file());
        assertEquals(older.file(), store.loadNewest(null, newer.journalIndex() - 1).orElseThrow().info().file());
        assertTrue(store.loadNewest(null, older.journalIndex() - 1).isEmpty());
    }

    @Test
    void emptyDirectoryOrOnlyDamagedFilesLoadNothing() throws IOException {
        final SnapshotStore store = SnapshotStore.open(dir, 2);
        assertTrue(store.loadNewest(null, Long.MAX_VALUE).isEmpty());
        assertTrue(store.list().isEmpty());

        final SnapshotInfo only = write(store, LedgerStates.standard());
        Files.write(only.file(), new byte[] {1, 2, 3});
        assertTrue(store.loadNewest(null, Long.MAX_VALUE).isEmpty());
        assertTrue(store.list().isEmpty(), "an unreadable file is left out of the list");
    }

    @Test
    void leftoverTemporaryFilesAreDeletedOnOpenAndIgnoredAfterwards() throws IOException {
        final Path stale = dir.resolve("snapshot-00000000000000000099.rbs.tmp");
        Files.write(stale, new byte[] {1, 2, 3});
        final SnapshotStore store = SnapshotStore.open(dir, 2);
        assertFalse(Files.exists(stale));

        final SnapshotInfo written = write(store, LedgerStates.standard());
        Files.copy(written.file(), dir.resolve("snapshot-00000000000000000099.rbs.tmp"));
        Files.write(dir.resolve("notes.txt"), new byte[] {1});

        assertEquals(List.of(written.file()), List.of(store.list().get(0).file()));
        assertEquals(1, store.list().size());
        assertEquals(written.file(), store.loadNewest(null, Long.MAX_VALUE).orElseThrow().info().file());
    }

    @Test
    void capacitiesWithoutRoomAreAConfigurationErrorNotASkip() throws IOException {
        final SnapshotStore store = SnapshotStore.open(dir, 2);
        write(store, LedgerStates.standard());
        assertThrows(IllegalArgumentException.class, () -> store.loadNewest(
            new LedgerConfig(1, 1, 1, 1), Long.MAX_VALUE));
    }

    @Test
    void keepMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> SnapshotStore.open(dir, 0));
    }

    private static SnapshotInfo write(final SnapshotStore store, final DirectLedger live) throws IOException {
        try (LedgerCut cut = live.snapshotCut()) {
            return store.write(cut);
        }
    }

    private static <T> T capturingStderr(final String[] captured, final Callable<T> action) throws Exception {
        final PrintStream original = System.err;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return action.call();
        } finally {
            System.setErr(original);
            captured[0] = bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void readOnlyViewChangesNothingOnDisk() throws IOException {
        final Path missing = dir.resolve("missing");
        assertTrue(SnapshotStore.readOnly(missing).list().isEmpty());
        assertFalse(Files.exists(missing), "no directory created");
        final Path unfinished = Files.createFile(dir.resolve("snapshot-00000000000000000005.rbs.tmp"));
        assertTrue(SnapshotStore.readOnly(dir).loadNewest(null, Long.MAX_VALUE).isEmpty());
        assertTrue(Files.exists(unfinished), "a live server's unfinished snapshot is left alone");
    }
}
