package io.ringbook.tools;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.store.LedgerStore;
import io.ringbook.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Beside a live owner of the data directory (a store, as the server runs it), the read-only subcommands work and
 * take no lock, and {@code rebuild} into that directory refuses at once; rebuild into a directory of its own still
 * works.
 */
class LockedDataDirectoryTest {
    private static final DataFixture FIXTURE = DataFixture.shared();
    private static final long PID = ProcessHandle.current().pid();

    @Test
    void readOnlySubcommandsWorkAndRebuildRefusesWhileAStoreHoldsTheDirectory(@TempDir final Path temp)
        throws IOException {
        final Path data = FIXTURE.copyTo(temp.resolve("data"));
        final String dir = data.toString();
        final List<Path> before;
        try (LedgerStore server = LedgerStore.open(owner(data))) {
            before = SnapshotFiles.files(data.resolve("snapshots"));
            assertTrue(Cli.expect(ReplayTool.OK, "verify", "--data", dir).out().contains("OK"));
            Cli.expect(ReplayTool.OK, "dump", "--data", dir);
            Cli.expect(ReplayTool.OK, "export", "--data", dir, "--what", "accounts");
            Cli.expect(ReplayTool.OK, "at", "--data", dir, "--index", "3", "--what", "accounts");

            final Cli.Result refused = Cli.expect(ReplayTool.ERROR, "rebuild", "--data", dir);
            assertEquals("ringbook-replay rebuild: " + dir + " is in use by process " + PID
                + " (this process; lock file " + data.resolve("lock")
                + "); stop it first or write the snapshot elsewhere with --output DIR\n",
                refused.err());
            assertEquals("", refused.out());
            final Cli.Result intoSnapshots = Cli.expect(ReplayTool.ERROR, "rebuild", "--data", dir, "--output",
                data.resolve("snapshots").toString());
            assertTrue(intoSnapshots.err().contains(" is in use by process " + PID), intoSnapshots.err());
            Cli.expect(ReplayTool.ERROR, "rebuild", "--data", dir, "--output", dir);
            assertEquals(before, SnapshotFiles.files(data.resolve("snapshots")), "no snapshot written");

            Cli.expect(ReplayTool.OK, "rebuild", "--data", dir, "--output", temp.resolve("elsewhere").toString());
            assertEquals(FIXTURE.hashes.get(FIXTURE.lastIndex), server.ringbook().stateHash().join(),
                "the store kept working");
        }
        Cli.expect(ReplayTool.OK, "rebuild", "--data", dir);
    }

    private static StoreConfig owner(final Path data) {
        return StoreConfig.defaults(data).withEngine(EngineConfig.defaults().withRequestSizeMax(64)
            .withRingSize(1024).withLedgerConfig(LedgerConfig.of(1000, 10_000)))
            .withSnapshotEveryEvents(0).withSnapshotEvery(Duration.ZERO);
    }
}
