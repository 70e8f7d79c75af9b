package io.ringbook.snapshot;

import io.ringbook.engine.state.LedgerCut;
import io.ringbook.engine.state.LedgerCut.Section;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads a snapshot file front to back, one section after the other, checking every checksum on the way; the loader
 * reads sections straight into a ledger's arrays ({@link #read}, a {@link LedgerCut.SectionReader}) and the export
 * walks them a chunk of rows at a time ({@link #forEachChunk}) without building a ledger. Opening checks the header,
 * the file length and the trailer, so a truncated file fails before any row is read.
 *
 * <p>Rows handed out before a section's checksum is reached are not yet verified: a caller that must not act on a
 * damaged file either verifies it first ({@link SnapshotFile#verify}) or discards what it did when this reader throws.
 * Sections must be read in order; a section may be skipped (it is then not checked). Not thread-safe.
 */
public final class SnapshotReader implements Closeable, LedgerCut.SectionReader {
    /** Rows per chunk handed to a {@link RowConsumer}. */
    public static final int CHUNK_ROWS = 1024;

    /** Receives a section's rows a chunk at a time. */
    @FunctionalInterface
    public interface RowConsumer {
        /**
         * {@code rows * stride} words of {@code words} from offset 0; {@code firstRow} is the slot of the first row.
         * The array is reused after return.
         */
        void accept(long[] words, int firstRow, int rows) throws IOException;
    }

    private static final int BUFFER_BYTES = 4 << 20;

    private final Path file;
    private final FileChannel channel;
    private final SnapshotInfo info;
    private final ByteBuffer buffer = SnapshotFormat.littleEndian(BUFFER_BYTES);
    private final LongBuffer words = buffer.asLongBuffer();
    private final ByteBuffer footer = SnapshotFormat.littleEndian(SnapshotFormat.SECTION_FOOTER_BYTES);
    private final CRC32C crc = new CRC32C();
    private int next;

    private SnapshotReader(final Path file, final FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        final long length = channel.size();
        if (length < SnapshotFormat.HEADER_BYTES + SnapshotFormat.TRAILER_BYTES) {
            throw new SnapshotCorruptException(file, "too short for a snapshot (" + length + " bytes)");
        }
        final ByteBuffer head = SnapshotFormat.littleEndian(SnapshotFormat.HEADER_BYTES);
        readFully(head, 0);
        final SnapshotFormat.Header header = SnapshotFormat.decodeHeader(file, head);
        final long expected = SnapshotFormat.fileLength(header.cut());
        if (length != expected) {
            throw new SnapshotCorruptException(file, "file is " + length + " bytes, its header says " + expected
                + (length < expected ? " (truncated)" : ""));
        }
        final ByteBuffer trailer = SnapshotFormat.littleEndian(SnapshotFormat.TRAILER_BYTES);
        readFully(trailer, length - SnapshotFormat.TRAILER_BYTES);
        final long stateHash = SnapshotFormat.decodeTrailer(file, trailer, header.cut().journalIndex(), length);
        this.info = new SnapshotInfo(file, header.cut().journalIndex(), stateHash, length, header.config(),
            header.cut());
        channel.position(SnapshotFormat.HEADER_BYTES);
    }

    /** Opens a snapshot and checks its header, length and trailer. */
    public static SnapshotReader open(final Path file) throws IOException {
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new SnapshotReader(file, channel);
        } catch (final IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** What the header and trailer say. */
    public SnapshotInfo info() {
        return info;
    }

    /**
     * Reads the whole of {@code section} ({@code words} must be its rows times its stride) into {@code target} and
     * checks its checksum: the {@link LedgerCut.SectionReader} that {@code Ledger.restore} calls.
     */
    @Override
    public void read(final Section section, final long[] target, final int words) throws IOException {
        final long bytes = start(section);
        if ((long) words * Long.BYTES != bytes) {
            throw new IllegalArgumentException(section + " holds " + bytes / Long.BYTES + " words, not " + words);
        }
        readWords(target, 0, words);
        finish(section);
    }

    /**
     * Reads the whole of {@code section} straight into a table's pages, each filled from offset 0 before the next,
     * and checks its checksum: a large section needs no array of its own size.
     */
    @Override
    public void readPages(final Section section, final long[][] pages, final int words) throws IOException {
        final long bytes = start(section);
        if ((long) words * Long.BYTES != bytes) {
            throw new IllegalArgumentException(section + " holds " + bytes / Long.BYTES + " words, not " + words);
        }
        int done = 0;
        for (int page = 0; done < words; page++) {
            final int length = Math.min(pages[page].length, words - done);
            readWords(pages[page], 0, length);
            done += length;
        }
        finish(section);
    }

    /** Hands {@code section}'s rows to {@code consumer} in chunks of {@link #CHUNK_ROWS}, then checks the checksum. */
    public void forEachChunk(final Section section, final RowConsumer consumer) throws IOException {
        start(section);
        final int rows = info.header().rows(section);
        final long[] chunk = new long[Math.min(rows, CHUNK_ROWS) * section.stride()];
        for (int first = 0; first < rows; first += CHUNK_ROWS) {
            final int count = Math.min(CHUNK_ROWS, rows - first);
            readWords(chunk, 0, count * section.stride());
            consumer.accept(chunk, first, count);
        }
        finish(section);
    }

    /** Reads every remaining section, checking checksums only; then the reader is at the trailer. */
    public void verifyRest() throws IOException {
        while (next < Section.values().length) {
            final Section section = Section.values()[next];
            long left = start(section);
            while (left > 0) {
                final int bytes = (int) Math.min(left, buffer.capacity());
                fill(bytes);
                left -= bytes;
            }
            finish(section);
        }
    }

    /** True once every section has been read and checked. */
    public boolean isComplete() {
        return next == Section.values().length;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Skips the sections before {@code section} and positions at its first word; returns its length in bytes. */
    private long start(final Section section) throws IOException {
        if (section.ordinal() < next) {
            throw new IllegalStateException(section + " was already read: sections are read in order");
        }
        while (next < section.ordinal()) {
            final Section skipped = Section.values()[next];
            channel.position(channel.position() + SnapshotFormat.sectionBytes(info.header(), skipped)
                + SnapshotFormat.SECTION_FOOTER_BYTES);
            next++;
        }
        crc.reset();
        return SnapshotFormat.sectionBytes(info.header(), section);
    }

    private void finish(final Section section) throws IOException {
        footer.clear();
        readFully(footer);
        SnapshotFormat.checkFooter(file, footer, section, (int) crc.getValue());
        next = section.ordinal() + 1;
    }

    private void readWords(final long[] target, final int offset, final int count) throws IOException {
        int done = 0;
        while (done < count) {
            final int n = Math.min(count - done, buffer.capacity() / Long.BYTES);
            fill(n * Long.BYTES);
            words.get(0, target, offset + done, n);
            done += n;
        }
    }

    /** Reads exactly {@code bytes} into the buffer from offset 0 and adds them to the checksum. */
    private void fill(final int bytes) throws IOException {
        buffer.clear().limit(bytes);
        readFully(buffer);
        crc.update(buffer);
    }

    private void readFully(final ByteBuffer target) throws IOException {
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                throw new SnapshotCorruptException(file, "unexpected end of file");
            }
        }
        target.flip();
    }

    private void readFully(final ByteBuffer target, final long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            final int n = channel.read(target, at);
            if (n < 0) {
                throw new EOFException(file + ": unexpected end of file");
            }
            at += n;
        }
        target.flip();
    }
}
