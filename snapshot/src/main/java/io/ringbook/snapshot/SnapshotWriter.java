package io.ringbook.snapshot;

import io.ringbook.engine.state.LedgerCut;
import io.ringbook.engine.state.LedgerCut.Section;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Streams a {@link LedgerCut} into a snapshot file ({@link SnapshotFormat}) through one large direct buffer that is
 * reused for every chunk and every snapshot: rows are bulk-copied from the cut's {@code long[]} chunks into the
 * buffer (a plain memory copy on little-endian hardware), checksummed there and written with a {@link FileChannel}.
 * Nothing is allocated per row or per chunk. The file appears under its final name only when complete and synced:
 * it is written to {@code <name>.tmp}, forced to disk, renamed atomically, and the directory is synced.
 *
 * <p>One writer writes one snapshot at a time ({@link #write} is synchronized).
 */
final class SnapshotWriter implements LedgerCut.ChunkSink {
    /** 8 MiB: large enough that a write call costs little per byte, small enough to keep around. */
    static final int BUFFER_BYTES = 8 << 20;

    private final ByteBuffer buffer;
    private final LongBuffer words;
    private final ByteBuffer crcView;
    private final CRC32C crc = new CRC32C();

    private FileChannel channel;
    private LedgerCut.Header header;
    /** Bytes filled in the buffer, always a multiple of 8. */
    private int filled;
    /** The section being written, and the rows of it received so far. */
    private int section;
    private long sectionRows;
    private long written;

    SnapshotWriter() {
        this(BUFFER_BYTES);
    }

    SnapshotWriter(final int bufferBytes) {
        if (bufferBytes < SnapshotFormat.HEADER_BYTES || bufferBytes % Long.BYTES != 0) {
            throw new IllegalArgumentException("buffer must be a multiple of 8 bytes, at least a header: "
                + bufferBytes);
        }
        this.buffer = SnapshotFormat.littleEndian(bufferBytes);
        this.words = buffer.asLongBuffer();
        this.crcView = buffer.duplicate();
    }

    /** Writes the cut to {@code file} (via {@code file.tmp}); does not close the cut. */
    synchronized SnapshotInfo write(final Path file, final LedgerCut cut) throws IOException {
        final Path tmp = file.resolveSibling(file.getFileName() + SnapshotFormat.TMP_SUFFIX);
        final long stateHash;
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                stateHash = writeTo(out, cut);
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            channel = null;
        }
        syncDirectory(file.toAbsolutePath().getParent());
        return new SnapshotInfo(file, cut.header().journalIndex(), stateHash, written, cut.config(), cut.header());
    }

    private long writeTo(final FileChannel out, final LedgerCut cut) throws IOException {
        channel = out;
        header = cut.header();
        filled = 0;
        written = 0;
        section = 0;
        sectionRows = 0;
        crc.reset();
        SnapshotFormat.encodeHeader(buffer, cut.config(), header, System.currentTimeMillis());
        filled = SnapshotFormat.HEADER_BYTES;
        final long stateHash = cut.stream(this);
        endSectionsBefore(Section.values().length);
        ensureRoom(SnapshotFormat.TRAILER_BYTES);
        final long length = written + filled + SnapshotFormat.TRAILER_BYTES;
        if (length != SnapshotFormat.fileLength(header)) {
            throw new IllegalStateException("snapshot length " + length + " differs from the expected "
                + SnapshotFormat.fileLength(header));
        }
        SnapshotFormat.encodeTrailer(buffer, filled, header.journalIndex(), stateHash, length);
        filled += SnapshotFormat.TRAILER_BYTES;
        flush();
        return stateHash;
    }

    @Override
    public void accept(final Section chunkSection, final long[] data, final int rows) throws IOException {
        if (chunkSection.ordinal() < section) {
            throw new IllegalStateException("section " + chunkSection + " streamed out of order");
        }
        endSectionsBefore(chunkSection.ordinal());
        sectionRows += rows;
        if (sectionRows > header.rows(chunkSection)) {
            throw new IllegalStateException("the cut streamed more " + chunkSection + " rows than its header says");
        }
        final int total = rows * chunkSection.stride();
        int done = 0;
        while (done < total) {
            if (filled == buffer.capacity()) {
                flush();
            }
            final int count = Math.min(total - done, (buffer.capacity() - filled) / Long.BYTES);
            words.put(filled / Long.BYTES, data, done, count);
            crcView.limit(filled + count * Long.BYTES).position(filled);
            crc.update(crcView);
            filled += count * Long.BYTES;
            done += count;
        }
    }

    /** Writes the footers of every section before {@code next} that has not been ended yet. */
    private void endSectionsBefore(final int next) throws IOException {
        while (section < next) {
            final Section ended = Section.values()[section];
            if (sectionRows != header.rows(ended)) {
                throw new IllegalStateException("the cut streamed " + sectionRows + " " + ended + " rows, its header "
                    + header.rows(ended));
            }
            ensureRoom(SnapshotFormat.SECTION_FOOTER_BYTES);
            SnapshotFormat.encodeFooter(buffer, filled, ended, (int) crc.getValue());
            filled += SnapshotFormat.SECTION_FOOTER_BYTES;
            crc.reset();
            section++;
            sectionRows = 0;
        }
    }

    private void ensureRoom(final int bytes) throws IOException {
        if (buffer.capacity() - filled < bytes) {
            flush();
        }
    }

    private void flush() throws IOException {
        buffer.limit(filled).position(0);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        written += filled;
        buffer.clear();
        filled = 0;
    }

    /** Makes the rename durable: on Linux a directory is synced by forcing a channel opened on it. */
    static void syncDirectory(final Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
