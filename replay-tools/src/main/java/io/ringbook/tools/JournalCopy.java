package io.ringbook.tools;

import net.openhft.chronicle.queue.impl.TableStore;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.queue.impl.table.Metadata;
import net.openhft.chronicle.queue.impl.table.SingleTableBuilder;
import net.openhft.chronicle.threads.BusyTimedPauser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a journal directory (Chronicle Queue: {@code metadata.cq4t}, then the {@code .cq4} cycle files in name
 * order, which is day order) that a live server may be appending to, and makes the copy's end look like a crash's.
 *
 * <p>The last cycle file is copied front to back while the writer appends, so the copy holds every excerpt that was
 * whole when its bytes were read, then possibly an excerpt whose header still says "not complete", and after that
 * bytes of later excerpts. A reader stops at the first incomplete header (the journal reader then drops the
 * uncommitted requests before it), but a writer that resumes on the copy writes over it, and a shorter new excerpt
 * would leave stale later bytes where the next header is read. So the copy's last file is zeroed from the first header
 * that is not whole on: exactly the state a killed writer leaves, which the journal handles (docs/JOURNAL.md).
 *
 * <p>{@code metadata.cq4t} holds Chronicle's write and append locks as values (the holder's PID), copied as they were:
 * taken by the live server in the middle of an excerpt. A writer on the copy would wait for a live PID for Chronicle's
 * timeout and fail, so the copy's locks are released (what Chronicle's {@code UnlockMain} does).
 *
 * <pre>
 * excerpt header (Chronicle Wire, 4 bytes little-endian, excerpts 4-byte aligned):
 *   bit 31 not complete | bit 30 metadata | bits 0..29 length of the excerpt's bytes that follow
 *   0 = nothing written yet; 0xC0000000 = end of a rolled cycle file
 * </pre>
 */
final class JournalCopy {
    /** Chronicle's data (cycle) file suffix and metadata file suffix. */
    static final String CYCLE_SUFFIX = ".cq4";
    static final String METADATA_SUFFIX = ".cq4t";

    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final int LENGTH_MASK = 0x3FFF_FFFF;
    private static final int END_OF_DATA = 0xC000_0000;
    private static final int HEADER_BYTES = 4;
    private static final int ZERO_CHUNK_BYTES = 1 << 16;
    /** Chronicle's append lock key ({@code TableStoreWriteLock.APPEND_LOCK_KEY}); the write lock has the default. */
    private static final String APPEND_LOCK_KEY = "chronicle.append.lock";

    private JournalCopy() {
    }

    /**
     * What was copied.
     *
     * @param files      files copied
     * @param bytes      bytes copied
     * @param tailZeroed bytes zeroed at the end of the last cycle file (an excerpt in progress and what followed it)
     */
    record Copied(int files, long bytes, long tailZeroed) {
    }

    /** Copies {@code source} into {@code target} (created) and cuts the last cycle file at its last whole excerpt. */
    static Copied copy(final Path source, final Path target) throws IOException {
        Files.createDirectories(target);
        final List<Path> metadata = new ArrayList<>();
        final List<Path> cycles = new ArrayList<>();
        try (Stream<Path> files = Files.list(source)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                final String name = file.getFileName().toString();
                if (name.endsWith(METADATA_SUFFIX)) {
                    metadata.add(file);
                } else if (name.endsWith(CYCLE_SUFFIX)) {
                    cycles.add(file);
                }
            });
        }
        long bytes = 0;
        for (final Path file : metadata) {
            bytes += copyFile(file, target);
            releaseLocks(target.resolve(file.getFileName()));
        }
        for (final Path file : cycles) {
            bytes += copyFile(file, target);
        }
        long zeroed = 0;
        if (!cycles.isEmpty()) {
            zeroed = cutAfterLastWholeExcerpt(target.resolve(cycles.get(cycles.size() - 1).getFileName()));
        }
        return new Copied(metadata.size() + cycles.size(), bytes, zeroed);
    }

    /** Releases the write and append locks recorded in a copied {@code metadata.cq4t}, if they are held. */
    static void releaseLocks(final Path metadata) {
        // The metadata file names its header type by Chronicle's class alias (SCQMeta), registered here.
        SingleChronicleQueueBuilder.addAliases();
        final TableStore<Metadata.NoMeta> store = SingleTableBuilder.binary(metadata.toFile(), Metadata.NoMeta.INSTANCE)
            .readOnly(false).build();
        try {
            final TableStoreWriteLock[] locks = {new TableStoreWriteLock(store, BusyTimedPauser::new, 0L),
                new TableStoreWriteLock(store, BusyTimedPauser::new, 0L, APPEND_LOCK_KEY)};
            for (final TableStoreWriteLock lock : locks) {
                if (lock.locked()) {
                    lock.forceUnlock();
                }
            }
        } finally {
            store.close();
        }
    }

    private static long copyFile(final Path file, final Path directory) throws IOException {
        final Path copy = directory.resolve(file.getFileName());
        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        return Files.size(copy);
    }

    /**
     * Walks the excerpt headers of {@code file} from the start and zeroes everything from the first one that is not
     * whole (incomplete, unwritten, or running past the end of the file); a rolled file (end-of-data marker) is left
     * alone. Returns the bytes zeroed that were not zero already.
     */
    static long cutAfterLastWholeExcerpt(final Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final long size = channel.size();
            final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            long position = 0;
            while (position + HEADER_BYTES <= size) {
                header.clear();
                readFully(channel, header, position);
                final int value = header.getInt(0);
                if (value == END_OF_DATA) {
                    return 0;
                }
                if (value == 0 || (value & NOT_COMPLETE) != 0) {
                    break;
                }
                final long next = align(position + HEADER_BYTES + (value & LENGTH_MASK));
                if (next > size) {
                    break;
                }
                position = next;
            }
            final long zeroed = zeroFrom(channel, position, size);
            channel.force(true);
            return zeroed;
        }
    }

    private static long align(final long position) {
        return position + HEADER_BYTES - 1 & -HEADER_BYTES;
    }

    /** Zeroes {@code [from, size)}, writing only the chunks that hold a non-zero byte (the rest is often sparse). */
    private static long zeroFrom(final FileChannel channel, final long from, final long size) throws IOException {
        final ByteBuffer chunk = ByteBuffer.allocate(ZERO_CHUNK_BYTES);
        final ByteBuffer zeros = ByteBuffer.allocate(ZERO_CHUNK_BYTES);
        long zeroed = 0;
        for (long position = from; position < size; position += ZERO_CHUNK_BYTES) {
            final int length = (int) Math.min(ZERO_CHUNK_BYTES, size - position);
            chunk.clear().limit(length);
            readFully(channel, chunk, position);
            if (!isZero(chunk.array(), length)) {
                zeros.clear().limit(length);
                while (zeros.hasRemaining()) {
                    channel.write(zeros, position + zeros.position());
                }
                zeroed += length;
            }
        }
        return zeroed;
    }

    private static boolean isZero(final byte[] bytes, final int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(final FileChannel channel, final ByteBuffer buffer, final long position)
        throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of " + buffer.limit() + " bytes at " + position);
            }
        }
    }
}
