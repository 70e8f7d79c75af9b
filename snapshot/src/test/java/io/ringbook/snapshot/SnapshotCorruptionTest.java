package io.ringbook.snapshot;

import io.ringbook.engine.state.LedgerCut;
import io.ringbook.engine.state.LedgerCut.Section;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of damage to a snapshot file is detected by verify and by load, and the message says what failed. */
class SnapshotCorruptionTest {
    @TempDir
    Path dir;

    private Path file;
    private SnapshotInfo info;

    @BeforeEach
    void writeSnapshot() throws IOException {
        file = dir.resolve("s.rbs");
        info = SnapshotRoundTripTest.write(LedgerStates.standard(), file);
        assertEquals(info.stateHash(), SnapshotFile.verify(file).stateHash());
    }

    @Test
    void flippedHeaderByteIsDetected() throws IOException {
        flip(40);
        assertCorrupt("header checksum mismatch");
    }

    @Test
    void flippedMagicIsDetected() throws IOException {
        flip(0);
        assertCorrupt("bad magic");
    }

    @Test
    void flippedByteInEverySectionIsDetected() throws IOException {
        final byte[] original = Files.readAllBytes(file);
        for (final Section section : Section.values()) {
            Files.write(file, original);
            flip(sectionStart(section) + SnapshotFormat.sectionBytes(info.header(), section) / 2);
            assertCorrupt(section + " section checksum mismatch");
        }
    }

    @Test
    void flippedSectionFooterIsDetected() throws IOException {
        final byte[] original = Files.readAllBytes(file);
        for (final Section section : Section.values()) {
            Files.write(file, original);
            final long footer = sectionStart(section) + SnapshotFormat.sectionBytes(info.header(), section);
            flip(footer + 5);
            assertCorrupt(section + " section checksum mismatch");
            Files.write(file, original);
            flip(footer);
            assertCorrupt(section + " section footer damaged");
        }
    }

    @Test
    void flippedTrailerByteIsDetected() throws IOException {
        final byte[] original = Files.readAllBytes(file);
        for (final int at : new int[] {0, 8, 16, 24, 32}) {
            Files.write(file, original);
            flip(Files.size(file) - SnapshotFormat.TRAILER_BYTES + at);
            assertThrows(SnapshotCorruptException.class, () -> SnapshotFile.verify(file), "trailer byte " + at);
        }
        Files.write(file, original);
        flip(Files.size(file) - SnapshotFormat.TRAILER_BYTES + 16);
        assertCorrupt("trailer checksum mismatch");
    }

    @Test
    void truncatedFileIsDetected() throws IOException {
        final byte[] original = Files.readAllBytes(file);
        for (final long length : new long[] {original.length - 1, original.length / 2, 100, 0}) {
            Files.write(file, original);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(length);
            }
            assertThrows(SnapshotCorruptException.class, () -> SnapshotFile.verify(file), "length " + length);
            assertThrows(SnapshotCorruptException.class, () -> SnapshotFile.load(file, null), "length " + length);
        }
    }

    @Test
    void extendedFileIsDetected() throws IOException {
        Files.write(file, new byte[8], StandardOpenOption.APPEND);
        assertCorrupt("its header says");
    }

    @Test
    void changedRowWithMatchingChecksumFailsOnTheStateHash() throws IOException {
        final long at = sectionStart(Section.ACCOUNTS) + 2 * Long.BYTES;
        final long bytes = SnapshotFormat.sectionBytes(info.header(), Section.ACCOUNTS);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final ByteBuffer section = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(section, sectionStart(Section.ACCOUNTS));
            final int word = (int) (at - sectionStart(Section.ACCOUNTS));
            section.putLong(word, section.getLong(word) + 1);
            section.flip();
            channel.write(section, sectionStart(Section.ACCOUNTS));
            final CRC32C crc = new CRC32C();
            crc.update(section.flip());
            final ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            footer.putInt(0, (int) crc.getValue());
            channel.write(footer, sectionStart(Section.ACCOUNTS) + bytes + 4);
        }
        SnapshotFile.verify(file);
        final SnapshotCorruptException e = assertThrows(SnapshotCorruptException.class,
            () -> SnapshotFile.load(file, null));
        assertTrue(e.getMessage().contains("state hash after load"), e.getMessage());
    }

    @Test
    void unknownVersionIsRefusedClearly() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            final ByteBuffer version = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 99);
            channel.write(version, 8);
        }
        assertCorrupt("unsupported format version 99");
    }

    private void assertCorrupt(final String reason) {
        final SnapshotCorruptException verify = assertThrows(SnapshotCorruptException.class,
            () -> SnapshotFile.verify(file));
        assertTrue(verify.getMessage().contains(reason), verify.getMessage());
        assertTrue(verify.getMessage().startsWith(file.toString()), "names the file: " + verify.getMessage());
        assertEquals(file, verify.file());
        final SnapshotCorruptException load = assertThrows(SnapshotCorruptException.class,
            () -> SnapshotFile.load(file, null));
        assertTrue(load.getMessage().contains(reason), load.getMessage());
    }

    private long sectionStart(final Section section) {
        long at = SnapshotFormat.HEADER_BYTES;
        for (final Section before : LedgerCut.Section.values()) {
            if (before == section) {
                return at;
            }
            at += SnapshotFormat.sectionBytes(info.header(), before) + SnapshotFormat.SECTION_FOOTER_BYTES;
        }
        throw new IllegalArgumentException(section.toString());
    }

    private void flip(final long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x10)).position(0);
            channel.write(one, offset);
        }
    }
}
