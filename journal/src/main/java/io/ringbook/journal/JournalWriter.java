package io.ringbook.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.pipeline.JournalSink;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import static io.ringbook.journal.JournalFormat.ARRIVAL_NS;
import static io.ringbook.journal.JournalFormat.CHAIN_BYTES;
import static io.ringbook.journal.JournalFormat.COMMIT;
import static io.ringbook.journal.JournalFormat.COMMIT_BYTES;
import static io.ringbook.journal.JournalFormat.COMMIT_CHAIN;
import static io.ringbook.journal.JournalFormat.COUNT;
import static io.ringbook.journal.JournalFormat.ENTRY_VERSION;
import static io.ringbook.journal.JournalFormat.FIRST_INDEX;
import static io.ringbook.journal.JournalFormat.INDEX;
import static io.ringbook.journal.JournalFormat.LAST_INDEX;
import static io.ringbook.journal.JournalFormat.NEXT_INDEX;
import static io.ringbook.journal.JournalFormat.OPEN;
import static io.ringbook.journal.JournalFormat.OPEN_BYTES;
import static io.ringbook.journal.JournalFormat.OPEN_CHAIN;
import static io.ringbook.journal.JournalFormat.OPERATION;
import static io.ringbook.journal.JournalFormat.REQUEST;
import static io.ringbook.journal.JournalFormat.REQUEST_HEADER_BYTES;
import static io.ringbook.journal.JournalFormat.REQUEST_ID;
import static io.ringbook.journal.JournalFormat.TYPE;
import static io.ringbook.journal.JournalFormat.VERSION;

/**
 * The journal stage's sink over a Chronicle Queue: one REQUEST entry per mutating request, one COMMIT entry per
 * Disruptor batch that wrote any, carrying the integrity chain, and one OPEN entry per session (layouts in
 * {@link JournalFormat}). {@link #append} and {@link #commit} run on the journal thread only and allocate nothing:
 * a request's events are encoded into one reused buffer as its slots arrive (a request may straddle two Disruptor
 * batches) and copied into the queue when its last slot arrives.
 *
 * <p>Opening finds the committed tail from the end of the queue, without reading the whole journal; REQUEST entries
 * after the last COMMIT belong to a batch that was never acknowledged (a crash before its commit returned) and are
 * cut logically: the new session's OPEN tells readers to drop them.
 */
public final class JournalWriter implements JournalSink {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    /** Bytes of the scratch buffer for OPEN and COMMIT entries and for reading entry heads. */
    private static final int SMALL_ENTRY_BYTES = 64;

    private final Path directory;
    private final Durability durability;
    private final SingleChronicleQueue queue;
    private final byte[] entry = new byte[JournalFormat.ENTRY_BYTES_MAX];
    private final ByteBuffer entryBuffer = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] small = new byte[SMALL_ENTRY_BYTES];
    private final ByteBuffer smallBuffer = ByteBuffer.wrap(small).order(ByteOrder.LITTLE_ENDIAN);
    /** The chain of the last COMMIT (or the one this session continues from). */
    private final byte[] chain = JournalFormat.initialChain();
    /** SHA-256 over chain || the REQUEST entries written since the last commit. */
    private final MessageDigest digest;
    private final long tornAtOpen;

    private ExcerptAppender appender;
    private Thread appenderThread;
    private boolean sessionOpened;
    private long nextIndex;
    /** First index written since the last commit, or 0 if none. */
    private long batchFirstIndex;
    private volatile long lastIndex;
    /** Slots of the request being assembled that have arrived so far. */
    private int pendingSlots;
    private int pendingEventBytes;
    private long pendingRequestId;

    private FileChannel syncChannel;
    private File syncFile;
    private boolean closed;

    private JournalWriter(final Path directory, final Durability durability) {
        this.directory = directory;
        this.durability = durability;
        this.digest = sha256();
        this.queue = JournalFiles.open(directory, false);
        try {
            tornAtOpen = findCommittedTail();
        } catch (final RuntimeException e) {
            queue.close();
            throw e;
        }
        nextIndex = lastIndex + 1;
        digest.update(chain);
        if (tornAtOpen > 0) {
            LOG.warn("journal " + directory + ": cut a torn tail of " + tornAtOpen
                + " uncommitted entries after index " + lastIndex + " (never acknowledged); continuing at index "
                + nextIndex);
        }
    }

    /**
     * Opens the journal in {@code directory} for appending (creating the directory if needed), continuing after its
     * last committed request.
     *
     * @param durability {@link Durability#PROCESS} or {@link Durability#FSYNC}; {@code NONE} has no journal
     */
    public static JournalWriter open(final Path directory, final Durability durability) {
        if (durability != Durability.PROCESS && durability != Durability.FSYNC) {
            throw new IllegalArgumentException("a journal writer is for durability process or fsync, not "
                + durability + " (use JournalSink.NONE)");
        }
        try {
            Files.createDirectories(directory);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create journal directory " + directory, e);
        }
        return new JournalWriter(directory, durability);
    }

    /** The last committed journal index (0 if none): set at open, then by every commit. Any thread. */
    public long lastIndex() {
        return lastIndex;
    }

    /** Entries after the last COMMIT that opening found and cut (0 after a clean shutdown). */
    public long tornAtOpen() {
        return tornAtOpen;
    }

    public Durability durability() {
        return durability;
    }

    /**
     * Adds one slot of a mutating request. Slots arrive in ring order; the REQUEST entry is written when the last
     * slot of its request arrives.
     */
    @Override
    public void append(final Command command, final long sequence) {
        if (command.indexInRequest == 0) {
            startRequest(command);
        } else if (command.indexInRequest != pendingSlots || command.requestId != pendingRequestId) {
            throw new IllegalStateException("journal got slot " + command.indexInRequest + " of request "
                + command.requestId + " at sequence " + sequence + " but expected slot " + pendingSlots
                + " of request " + pendingRequestId);
        }
        final int eventOffset = REQUEST_HEADER_BYTES + command.indexInRequest * pendingEventBytes;
        JournalFormat.writeEvent(entryBuffer, eventOffset, command);
        pendingSlots++;
        if (command.isLastOfRequest()) {
            writeRequest(REQUEST_HEADER_BYTES + command.requestSize * pendingEventBytes);
        }
    }

    /**
     * Ends the batch: if any REQUEST was written since the previous commit, writes a COMMIT with the new chain value
     * and, in {@code fsync} mode, syncs the journal file to the device before returning.
     */
    @Override
    public void commit() {
        if (batchFirstIndex == 0) {
            return;
        }
        try {
            digest.digest(chain, 0, CHAIN_BYTES);
        } catch (final DigestException e) {
            throw new IllegalStateException("SHA-256 refused a 32-byte output", e);
        }
        digest.update(chain);
        final long last = nextIndex - 1;
        smallBuffer.put(TYPE, (byte) COMMIT).put(ENTRY_VERSION, (byte) VERSION).putShort(OPERATION, (short) 0)
            .putInt(COUNT, 0).putLong(FIRST_INDEX, batchFirstIndex).putLong(LAST_INDEX, last);
        System.arraycopy(chain, 0, small, COMMIT_CHAIN, CHAIN_BYTES);
        write(small, COMMIT_BYTES);
        if (durability == Durability.FSYNC) {
            sync();
        }
        batchFirstIndex = 0;
        lastIndex = last;
    }

    /**
     * Closes the appender (on the journal thread, where the engine calls this) and the queue. Requests appended
     * since the last commit stay uncommitted: a reader drops them.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (syncChannel != null) {
                syncChannel.close();
            }
        } catch (final IOException e) {
            LOG.warn("closing the sync channel of journal " + directory, e);
        } finally {
            if (appender != null) {
                if (Thread.currentThread() != appenderThread) {
                    appender.singleThreadedCheckReset();
                }
                appender.close();
            }
            queue.close();
        }
    }

    private void startRequest(final Command command) {
        final int eventBytes = JournalFormat.eventBytes(command.operation);
        if (eventBytes < 0) {
            throw new IllegalArgumentException("operation " + command.operation + " is not journaled");
        }
        pendingEventBytes = eventBytes;
        pendingRequestId = command.requestId;
        pendingSlots = 0;
        entryBuffer.put(TYPE, (byte) REQUEST).put(ENTRY_VERSION, (byte) VERSION)
            .putShort(OPERATION, (short) command.operation.code()).putInt(COUNT, command.requestSize)
            .putLong(REQUEST_ID, command.requestId).putLong(ARRIVAL_NS, command.arrivalNs);
    }

    private void writeRequest(final int length) {
        if (!sessionOpened) {
            writeOpen();
        }
        final long index = nextIndex++;
        entryBuffer.putLong(INDEX, index);
        digest.update(entry, 0, length);
        write(entry, length);
        if (batchFirstIndex == 0) {
            batchFirstIndex = index;
        }
        pendingSlots = 0;
    }

    private void writeOpen() {
        smallBuffer.put(TYPE, (byte) OPEN).put(ENTRY_VERSION, (byte) VERSION).putShort(OPERATION, (short) 0)
            .putInt(COUNT, 0).putLong(NEXT_INDEX, nextIndex);
        System.arraycopy(chain, 0, small, OPEN_CHAIN, CHAIN_BYTES);
        write(small, OPEN_BYTES);
        sessionOpened = true;
    }

    private void write(final byte[] bytes, final int length) {
        if (appender == null) {
            if (closed) {
                throw new IllegalStateException("journal " + directory + " is closed");
            }
            appender = queue.createAppender();
            appenderThread = Thread.currentThread();
        }
        try (DocumentContext document = appender.writingDocument()) {
            document.wire().bytes().write(bytes, 0, length);
        }
    }

    /**
     * fdatasync of the file the appender writes (all its dirty pages, whether written through the mapping or not),
     * after syncing the previous file once if the cycle rolled, and the directory and Chronicle's metadata.cq4t
     * whenever the appender moves to another file (the first commit of a session, a roll).
     */
    private void sync() {
        try {
            final File file = appender.currentFile();
            if (!file.equals(syncFile)) {
                if (syncChannel != null) {
                    syncChannel.force(false);
                    syncChannel.close();
                }
                syncChannel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE);
                syncFile = file;
                JournalFiles.syncMetadata(directory);
            }
            syncChannel.force(false);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot sync journal " + directory, e);
        }
    }

    /**
     * Reads backwards from the end to the last COMMIT (or OPEN, or the start), sets {@link #lastIndex} and
     * {@link #chain} from it and returns how many entries after it were cut.
     */
    private long findCommittedTail() {
        long torn = 0;
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd()) {
            while (true) {
                try (DocumentContext document = tailer.readingDocument()) {
                    if (!document.isPresent()) {
                        lastIndex = 0;
                        return torn;
                    }
                    final int length = JournalFiles.read(document, small);
                    if (JournalFormat.checkShape(smallBuffer, length) == null && small[TYPE] == COMMIT) {
                        lastIndex = smallBuffer.getLong(LAST_INDEX);
                        System.arraycopy(small, COMMIT_CHAIN, chain, 0, CHAIN_BYTES);
                        return torn;
                    }
                    if (JournalFormat.checkShape(smallBuffer, length) == null && small[TYPE] == OPEN) {
                        lastIndex = smallBuffer.getLong(NEXT_INDEX) - 1;
                        System.arraycopy(small, OPEN_CHAIN, chain, 0, CHAIN_BYTES);
                        return torn;
                    }
                    torn++;
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
