package io.ringbook.tools;

import io.ringbook.engine.DirectLedger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.LedgerCut;
import io.ringbook.snapshot.SnapshotFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyCommandTest {
    private static final DataFixture FIXTURE = DataFixture.shared();
    private static final String DATA = FIXTURE.data.toString();

    @Test
    void intactDataDirectoryVerifies() {
        final String out = Cli.expect(ReplayTool.OK, "verify", "--data", DATA, "--check-every", "2").out();
        assertTrue(out.endsWith("OK\n"), out);
        assertTrue(out.contains("snapshot-00000000000000000005.rbs: journal index 5, checksums ok, state hash "
            + Checks.hex(FIXTURE.hashes.get(5L)) + " matches the replay"), out);
        assertTrue(out.contains("snapshot-0000000000000000000" + FIXTURE.lastIndex + ".rbs: journal index "
            + FIXTURE.lastIndex + ", checksums ok"), out);
        assertTrue(out.contains("invariants ok (5 checks: every 2 requests and at the end)"), out);
        assertTrue(out.contains("state hash " + Checks.hex(FIXTURE.hashes.get(FIXTURE.lastIndex))), out);
    }

    @Test
    void flippedJournalByteFailsNamingTheBatch(@TempDir final Path temp) throws IOException {
        final Path copy = FIXTURE.copyTo(temp.resolve("data"));
        Damage.flipJournalMarker(copy.resolve("journal"), DataFixture.MARKER_AMOUNT);
        final String out = Cli.expect(ReplayTool.FAILED, "verify", "--data", copy.toString()).out();
        assertTrue(out.contains("chain      BROKEN"), out);
        assertTrue(out.contains("batch 5..5"), out);
        assertTrue(out.contains("verified   up to journal index 4"), out);
        assertTrue(out.contains("snapshot " + copy.resolve("snapshots")), "snapshots past the damage are named: "
            + out);
    }

    @Test
    void corruptSnapshotFailsNamingTheFile(@TempDir final Path temp) throws IOException {
        final Path copy = FIXTURE.copyTo(temp.resolve("data"));
        final Path middle = copy.resolve("snapshots").resolve("snapshot-00000000000000000005.rbs");
        Damage.flipByte(middle, Files.size(middle) / 2);
        final String out = Cli.expect(ReplayTool.FAILED, "verify", "--data", copy.toString()).out();
        assertTrue(out.contains("snapshot-00000000000000000005.rbs: CORRUPT"), out);
        assertTrue(out.contains("FAILED: 1 problem"), out);
        assertTrue(out.contains("chain      verified from the start"), "the journal itself is fine: " + out);
    }

    @Test
    void snapshotOfAnotherStateAtTheSameIndexFailsOnTheStateHash(@TempDir final Path temp) throws IOException {
        final DirectLedger other = new DirectLedger(LedgerConfig.of(1000, 10_000));
        for (int i = 0; i < 5; i++) {
            other.pulse(DataFixture.CLOCK_START + i);
        }
        final Path snapshots = Files.createDirectories(temp.resolve("snapshots"));
        try (LedgerCut cut = other.snapshotCut()) {
            SnapshotFile.write(snapshots.resolve("snapshot-00000000000000000005.rbs"), cut);
        }
        final String out = Cli.expect(ReplayTool.FAILED, "verify", "--data", DATA, "--snapshots",
            snapshots.toString()).out();
        assertTrue(out.contains("(journal index 5) has state hash " + Checks.hex(other.stateHash())
            + " but the replay gives " + Checks.hex(FIXTURE.hashes.get(5L))), out);
    }

    @Test
    void checkEveryMustBePositive() {
        Cli.expect(ReplayTool.USAGE, "verify", "--data", DATA, "--check-every", "0");
    }
}
