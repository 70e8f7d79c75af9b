package io.ringbook.snapshot;

import io.ringbook.engine.DirectLedger;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Format version 2 records the capacity limits in force; version 1 files (no limits) still load. */
class SnapshotLimitsTest {
    private static final LedgerConfig LIMITS = new LedgerConfig(32, 128, 16, 64);

    @TempDir
    Path dir;

    @Test
    void shouldRestoreTheLimitsInForceIntoALargerAllocation() throws IOException {
        final DirectLedger live = LedgerStates.standard();
        live.configure(LIMITS);
        final SnapshotInfo info = SnapshotRoundTripTest.write(live, dir.resolve("s.rbs"));
        assertEquals(LIMITS, info.header().limits());

        final Ledger loaded = SnapshotFile.load(info.file(), LedgerConfig.of(1000, 1000));
        assertEquals(LIMITS, loaded.limits());
        assertTrue(loaded.isConfigured());
        assertEquals(live.stateHash(), loaded.stateHash());
    }

    @Test
    void shouldRefuseAnAllocationBelowTheRecordedLimits() throws IOException {
        final DirectLedger live = LedgerStates.standard();
        live.configure(LIMITS);
        final Path file = SnapshotRoundTripTest.write(live, dir.resolve("s.rbs")).file();
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SnapshotFile.load(file, new LedgerConfig(32, 100, 16, 64)));
        assertTrue(e.getMessage().contains("transfers limit 128 exceeds this ledger's allocated capacity 100"),
            e.getMessage());
    }

    @Test
    void shouldLoadAVersionOneFileAsNeverConfigured() throws IOException {
        final DirectLedger live = LedgerStates.standard();
        final Path file = SnapshotRoundTripTest.write(live, dir.resolve("v1.rbs")).file();
        rewriteAsVersionOne(file);

        final SnapshotInfo info = SnapshotFile.verify(file);
        assertNull(info.header().limits());
        final Ledger loaded = SnapshotFile.load(file, LedgerConfig.of(1000, 1000));
        assertFalse(loaded.isConfigured());
        assertEquals(LedgerConfig.of(1000, 1000), loaded.limits(), "never configured: the allocation is the limit");
        assertEquals(live.stateHash(), loaded.stateHash(), "a version 1 state hash covers no limits");
    }

    /** What a version 1 writer produced for the same state: version 1, zeros where version 2 keeps the limits. */
    private static void rewriteAsVersionOne(final Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final ByteBuffer header = ByteBuffer.allocate(SnapshotFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            header.putInt(8, 1);
            for (int at = 104; at < 120; at += 4) {
                assertEquals(0, header.getInt(at), "an unconfigured ledger writes no limits");
            }
            final CRC32C crc = new CRC32C();
            crc.update(header.array(), 0, 124);
            header.putInt(124, (int) crc.getValue());
            header.clear();
            channel.write(header, 0);
        }
    }
}
