package io.ringbook.tools;

import io.ringbook.snapshot.SnapshotFile;
import io.ringbook.snapshot.SnapshotInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RebuildCommandTest {
    private static final DataFixture FIXTURE = DataFixture.shared();
    private static final String DATA = FIXTURE.data.toString();

    @Test
    void rebuildWritesASnapshotWithTheLiveStateHash(@TempDir final Path output) throws IOException {
        final String out = Cli.expect(ReplayTool.OK, "rebuild", "--data", DATA, "--output", output.toString()).out();
        final SnapshotInfo info = only(output);
        assertEquals(FIXTURE.lastIndex, info.journalIndex());
        assertEquals(FIXTURE.hashes.get(FIXTURE.lastIndex), info.stateHash());
        assertTrue(out.contains("state hash " + Checks.hex(info.stateHash())), out);
        assertTrue(out.contains("from snapshot "), out);
    }

    @Test
    void rebuildFromScratchReachesTheSameState(@TempDir final Path output) throws IOException {
        final String out = Cli.expect(ReplayTool.OK, "rebuild", "--data", DATA, "--from-scratch", "--output",
            output.toString()).out();
        assertEquals(FIXTURE.hashes.get(FIXTURE.lastIndex), only(output).stateHash());
        assertTrue(out.contains("replayed   " + FIXTURE.lastIndex + " requests"), out);
    }

    @Test
    void rebuildUptoAnIndexHasTheStateRecordedThere(@TempDir final Path output) throws IOException {
        Cli.expect(ReplayTool.OK, "rebuild", "--data", DATA, "--upto", "3", "--output", output.toString());
        final SnapshotInfo info = only(output);
        assertEquals(3, info.journalIndex());
        assertEquals(FIXTURE.hashes.get(3L), info.stateHash());
    }

    @Test
    void uptoPastTheJournalIsAUsageError(@TempDir final Path output) {
        final Cli.Result result = Cli.expect(ReplayTool.USAGE, "rebuild", "--data", DATA, "--upto", "99",
            "--output", output.toString());
        assertTrue(result.err().contains("--upto 99 is past the end of the journal"), result.err());
    }

    private static SnapshotInfo only(final Path directory) throws IOException {
        final List<Path> files = SnapshotFiles.files(directory);
        assertEquals(1, files.size(), files::toString);
        return SnapshotFile.verify(files.get(0));
    }
}
