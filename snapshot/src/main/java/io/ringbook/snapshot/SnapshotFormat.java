package io.ringbook.snapshot;

import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.LedgerCut;
import io.ringbook.engine.state.LedgerCut.Section;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The binary layout of a snapshot file (version 2), in one place; docs/SNAPSHOT.md shows the same layout. Everything
 * is little-endian and 8-byte aligned, so the sections are the engine's {@code long} words as they are in memory.
 *
 * <pre>
 * file    = header (128 bytes) | section ACCOUNTS | section TRANSFERS | section HISTORY | section FAILED_IDS
 *           | trailer (40 bytes)
 *
 * header    0  8  magic "RBSNAP\r\n"
 *           8  4  format version (2; 1 read) 12  4  header length (128)
 *          16  4  accounts capacity           20  4  transfers capacity
 *          24  4  failed transfer ids capacity 28 4  history capacity
 *          32  8  journal index               40  8  last timestamp
 *          48  8  last expiry timestamp       56  4  history reserved      60  4  section count (4)
 *          64 32  per section, in order: rows (4) | words per row (4)
 *          96  8  written at, epoch milliseconds (informational)
 *         104 16  capacity limits in force (version 2): accounts, transfers, failed transfer ids, history
 *                 (4 each; all zero: never configured, the rules check the allocation)
 *         120  4  zero                       124  4  CRC32C of bytes 0..123
 *
 * Version 1 (before CONFIGURE) has zeros at 104..119 and is read as a ledger that was never configured: its state
 * hash then covers no limits, exactly as version 1 computed it.
 *
 * section   rows * stride * 8 bytes of words | section number (4) | CRC32C of the words (4)
 *
 * trailer   0  8  magic "RBSNEND\n"            8  8  journal index (again: ties the trailer to the header)
 *          16  8  state hash at the cut       24  8  file length, trailer included
 *          32  4  CRC32C of bytes 0..31       36  4  zero
 * </pre>
 *
 * A flipped bit anywhere is caught by one of the checksums, a truncated or extended file by the length, and a wrong
 * load by the state hash.
 */
final class SnapshotFormat {
    static final int VERSION = 2;
    /** The format before the capacity limits were recorded; still read. */
    static final int VERSION_WITHOUT_LIMITS = 1;
    static final int HEADER_BYTES = 128;
    static final int SECTION_FOOTER_BYTES = 8;
    static final int TRAILER_BYTES = 40;
    static final String SUFFIX = ".rbs";
    static final String PREFIX = "snapshot-";
    static final String TMP_SUFFIX = ".tmp";

    /** "RBSNAP\r\n": the CR LF catches a file mangled by a text-mode copy. */
    private static final long MAGIC = 0x0A0D_5041_4E53_4252L;
    /** "RBSNEND\n". */
    private static final long TRAILER_MAGIC = 0x0A44_4E45_4E53_4252L;
    private static final int HEADER_CRC_AT = 124;
    private static final int ROWS_AT = 64;
    private static final int WRITTEN_AT = 96;
    private static final int LIMITS_AT = 104;
    private static final int TRAILER_CRC_AT = 32;
    private static final int INDEX_DIGITS = 20;

    private SnapshotFormat() {
    }

    /** {@code snapshot-<journal index, 20 digits>.rbs}: names sort by journal index. */
    static String fileName(final long journalIndex) {
        final String digits = Long.toString(journalIndex);
        return PREFIX + "0".repeat(Math.max(0, INDEX_DIGITS - digits.length())) + digits + SUFFIX;
    }

    /** The journal index in a snapshot file name, or -1 if the name is not one of ours. */
    static long journalIndexOf(final Path file) {
        final String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)
            || name.length() != PREFIX.length() + INDEX_DIGITS + SUFFIX.length()) {
            return -1;
        }
        final String digits = name.substring(PREFIX.length(), PREFIX.length() + INDEX_DIGITS);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        try {
            return Long.parseLong(digits);
        } catch (final NumberFormatException e) {
            return -1;
        }
    }

    /** Bytes of a section's words. */
    static long sectionBytes(final LedgerCut.Header header, final Section section) {
        return (long) header.rows(section) * section.stride() * Long.BYTES;
    }

    /** Total file length for a cut with these row counts. */
    static long fileLength(final LedgerCut.Header header) {
        long length = HEADER_BYTES + TRAILER_BYTES;
        for (final Section section : Section.values()) {
            length += sectionBytes(header, section) + SECTION_FOOTER_BYTES;
        }
        return length;
    }

    /** Writes the header into {@code buffer} at absolute offset 0 (little-endian buffer). */
    static void encodeHeader(final ByteBuffer buffer, final LedgerConfig config, final LedgerCut.Header header,
                             final long writtenAtMs) {
        for (int i = 0; i < HEADER_BYTES; i++) {
            buffer.put(i, (byte) 0);
        }
        buffer.putLong(0, MAGIC);
        buffer.putInt(8, VERSION);
        buffer.putInt(12, HEADER_BYTES);
        buffer.putInt(16, config.accountsCapacity());
        buffer.putInt(20, config.transfersCapacity());
        buffer.putInt(24, config.failedTransferIdsCapacity());
        buffer.putInt(28, config.historyCapacity());
        buffer.putLong(32, header.journalIndex());
        buffer.putLong(40, header.lastTimestamp());
        buffer.putLong(48, header.lastExpiryTimestamp());
        buffer.putInt(56, header.historyReserved());
        buffer.putInt(60, Section.values().length);
        for (final Section section : Section.values()) {
            buffer.putInt(ROWS_AT + 8 * section.ordinal(), header.rows(section));
            buffer.putInt(ROWS_AT + 8 * section.ordinal() + 4, section.stride());
        }
        buffer.putLong(WRITTEN_AT, writtenAtMs);
        final LedgerConfig limits = header.limits();
        if (limits != null) {
            buffer.putInt(LIMITS_AT, limits.accountsCapacity());
            buffer.putInt(LIMITS_AT + 4, limits.transfersCapacity());
            buffer.putInt(LIMITS_AT + 8, limits.failedTransferIdsCapacity());
            buffer.putInt(LIMITS_AT + 12, limits.historyCapacity());
        }
        buffer.putInt(HEADER_CRC_AT, crc(buffer, 0, HEADER_CRC_AT));
    }

    /** What a header holds: the ledger capacities and the cut's scalars. */
    record Header(LedgerConfig config, LedgerCut.Header cut, long writtenAtMs) {
    }

    /** Reads and checks a header from {@code buffer} (absolute offsets 0..127). */
    static Header decodeHeader(final Path file, final ByteBuffer buffer) throws SnapshotCorruptException {
        if (buffer.getLong(0) != MAGIC) {
            throw new SnapshotCorruptException(file, "not a Ringbook snapshot (bad magic)");
        }
        final int version = buffer.getInt(8);
        if (version != VERSION && version != VERSION_WITHOUT_LIMITS) {
            throw new SnapshotCorruptException(file, "unsupported format version " + version
                + " (this build reads versions " + VERSION_WITHOUT_LIMITS + " and " + VERSION + ")");
        }
        if (buffer.getInt(HEADER_CRC_AT) != crc(buffer, 0, HEADER_CRC_AT)) {
            throw new SnapshotCorruptException(file, "header checksum mismatch");
        }
        if (buffer.getInt(12) != HEADER_BYTES || buffer.getInt(60) != Section.values().length) {
            throw new SnapshotCorruptException(file, "unexpected header length or section count");
        }
        final int[] rows = new int[Section.values().length];
        for (final Section section : Section.values()) {
            final int stride = buffer.getInt(ROWS_AT + 8 * section.ordinal() + 4);
            if (stride != section.stride()) {
                throw new SnapshotCorruptException(file, section + " rows have " + stride
                    + " words in the file but " + section.stride() + " in this build");
            }
            rows[section.ordinal()] = buffer.getInt(ROWS_AT + 8 * section.ordinal());
        }
        try {
            final LedgerConfig config = new LedgerConfig(buffer.getInt(16), buffer.getInt(20), buffer.getInt(24),
                buffer.getInt(28));
            final LedgerConfig limits = version == VERSION_WITHOUT_LIMITS || buffer.getInt(LIMITS_AT) == 0
                ? null : new LedgerConfig(buffer.getInt(LIMITS_AT), buffer.getInt(LIMITS_AT + 4),
                buffer.getInt(LIMITS_AT + 8), buffer.getInt(LIMITS_AT + 12));
            return new Header(config, new LedgerCut.Header(buffer.getLong(32), buffer.getLong(40),
                buffer.getLong(48), buffer.getInt(56), rows, limits), buffer.getLong(WRITTEN_AT));
        } catch (final IllegalArgumentException e) {
            throw new SnapshotCorruptException(file, "invalid header: " + e.getMessage());
        }
    }

    /** Writes the trailer into {@code buffer} at absolute offset {@code at}. */
    static void encodeTrailer(final ByteBuffer buffer, final int at, final long journalIndex, final long stateHash,
                              final long fileLength) {
        buffer.putLong(at, TRAILER_MAGIC);
        buffer.putLong(at + 8, journalIndex);
        buffer.putLong(at + 16, stateHash);
        buffer.putLong(at + 24, fileLength);
        buffer.putInt(at + TRAILER_CRC_AT, crc(buffer, at, TRAILER_CRC_AT));
        buffer.putInt(at + TRAILER_CRC_AT + 4, 0);
    }

    /** Checks the trailer in {@code buffer} (absolute offsets 0..39) and returns the state hash it records. */
    static long decodeTrailer(final Path file, final ByteBuffer buffer, final long journalIndex,
                              final long fileLength) throws SnapshotCorruptException {
        if (buffer.getLong(0) != TRAILER_MAGIC) {
            throw new SnapshotCorruptException(file, "no trailer (file truncated or overwritten)");
        }
        if (buffer.getInt(TRAILER_CRC_AT) != crc(buffer, 0, TRAILER_CRC_AT)) {
            throw new SnapshotCorruptException(file, "trailer checksum mismatch");
        }
        if (buffer.getLong(8) != journalIndex) {
            throw new SnapshotCorruptException(file, "trailer journal index " + buffer.getLong(8)
                + " differs from the header's " + journalIndex);
        }
        if (buffer.getLong(24) != fileLength) {
            throw new SnapshotCorruptException(file, "trailer records length " + buffer.getLong(24)
                + " but the file is " + fileLength + " bytes");
        }
        return buffer.getLong(16);
    }

    /** A section footer: the section number and the CRC32C of its words. */
    static void encodeFooter(final ByteBuffer buffer, final int at, final Section section, final int crc) {
        buffer.putInt(at, section.ordinal());
        buffer.putInt(at + 4, crc);
    }

    static void checkFooter(final Path file, final ByteBuffer buffer, final Section section, final int crc)
        throws SnapshotCorruptException {
        if (buffer.getInt(0) != section.ordinal()) {
            throw new SnapshotCorruptException(file, section + " section footer damaged");
        }
        if (buffer.getInt(4) != crc) {
            throw new SnapshotCorruptException(file, section + " section checksum mismatch");
        }
    }

    static ByteBuffer littleEndian(final int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int crc(final ByteBuffer buffer, final int from, final int length) {
        final CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().limit(from + length).position(from));
        return (int) crc.getValue();
    }
}
