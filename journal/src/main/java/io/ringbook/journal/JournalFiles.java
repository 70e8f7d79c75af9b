package io.ringbook.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** How the journal sits on disk: the Chronicle queue settings shared by the writer and the reader. */
final class JournalFiles {
    /**
     * One file per UTC day: a ledger journal is read whole on restart and archived by age, so few large files suit it
     * better than many small ones, and FAST_DAILY's index (one entry per 2^32 excerpts) never limits a day's volume.
     * Chronicle stores the roll cycle in metadata.cq4t; an existing queue keeps the one it was created with.
     */
    static final RollCycles ROLL_CYCLE = RollCycles.FAST_DAILY;
    /** Chronicle's data file suffix. */
    static final String DATA_SUFFIX = ".cq4";
    /** Chronicle's queue metadata file (roll cycle, write lock). */
    static final String METADATA_FILE = "metadata.cq4t";

    private JournalFiles() {
    }

    /** Opens (and for a writer creates) the Chronicle queue in {@code directory}. */
    static SingleChronicleQueue open(final Path directory, final boolean readOnly) {
        return SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(ROLL_CYCLE)
            .readOnly(readOnly)
            .build();
    }

    /** True if {@code directory} holds at least one journal data file. */
    static boolean hasData(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(DATA_SUFFIX));
        } catch (final IOException e) {
            throw new IllegalStateException("cannot list journal directory " + directory, e);
        }
    }

    /**
     * Copies the excerpt of {@code document} into {@code buffer} and returns its full length; copies at most
     * {@code buffer.length} bytes, so a caller can tell an oversized (damaged) entry by the returned length.
     */
    static int read(final DocumentContext document, final byte[] buffer) {
        final Bytes<?> bytes = document.wire().bytes();
        final long length = bytes.readRemaining();
        final int copied = (int) Math.min(length, buffer.length);
        bytes.read(buffer, 0, copied);
        return (int) Math.min(length, Integer.MAX_VALUE);
    }

    /** Makes the directory's entries (new data files) and Chronicle's metadata.cq4t (roll cycle) durable. */
    static void syncMetadata(final Path directory) throws IOException {
        final Path metadata = directory.resolve(METADATA_FILE);
        if (Files.exists(metadata)) {
            try (FileChannel channel = FileChannel.open(metadata, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
