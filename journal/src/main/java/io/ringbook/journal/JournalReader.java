package io.ringbook.journal;

import io.ringbook.engine.command.CommandArray;
import io.ringbook.model.Limits;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import static io.ringbook.journal.JournalFormat.ARRIVAL_NS;
import static io.ringbook.journal.JournalFormat.CHAIN_BYTES;
import static io.ringbook.journal.JournalFormat.COMMIT;
import static io.ringbook.journal.JournalFormat.COMMIT_CHAIN;
import static io.ringbook.journal.JournalFormat.FIRST_INDEX;
import static io.ringbook.journal.JournalFormat.INDEX;
import static io.ringbook.journal.JournalFormat.LAST_INDEX;
import static io.ringbook.journal.JournalFormat.NEXT_INDEX;
import static io.ringbook.journal.JournalFormat.OPEN;
import static io.ringbook.journal.JournalFormat.OPEN_CHAIN;
import static io.ringbook.journal.JournalFormat.REQUEST;
import static io.ringbook.journal.JournalFormat.REQUEST_ID;
import static io.ringbook.journal.JournalFormat.TYPE;

/**
 * Reads a journal back: {@link #replay} delivers committed requests for restart, verifying the integrity chain of
 * every batch before any of its requests; {@link #scan} shows every entry for the dump and verify tools. Single
 * threaded; one reader per thread.
 *
 * <p>A batch is the REQUEST entries between one COMMIT (or OPEN, or the start) and the next COMMIT. REQUEST entries
 * that an OPEN or the end of the journal follows instead of a COMMIT are a torn batch: never acknowledged, dropped and
 * counted. An unreadable entry or an index gap inside a batch that a COMMIT closes is corruption; inside a torn batch
 * it is part of the torn tail.
 */
public final class JournalReader implements AutoCloseable {
    private static final int HEAD_BYTES = 64;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final byte[] entry = new byte[JournalFormat.ENTRY_BYTES_MAX];
    private final ByteBuffer entryBuffer = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] head = new byte[HEAD_BYTES];
    private final ByteBuffer headBuffer = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    private final CommandArray slots = new CommandArray(Limits.REQUEST_SIZE_MAX);
    private final MessageDigest digest;
    private final byte[] computed = new byte[CHAIN_BYTES];
    private final byte[] running = JournalFormat.initialChain();
    /** Journal index of the anchor {@link #findAnchor} found last. */
    private long anchorIndex;

    private JournalReader(final Path directory, final SingleChronicleQueue queue) {
        this.directory = directory;
        this.queue = queue;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Opens the journal in {@code directory} read-only; a missing or empty journal reads as empty. */
    public static JournalReader open(final Path directory) {
        final SingleChronicleQueue queue = JournalFiles.hasData(directory) ? JournalFiles.open(directory, true) : null;
        return new JournalReader(directory, queue);
    }

    /**
     * Delivers the committed requests with {@code afterIndex < index <= uptoIndex}, in order, each batch verified
     * before any of its requests is delivered. Verifies the chain of every batch that holds a delivered request,
     * anchored at the stored chain of the last COMMIT at or before {@code afterIndex}; with {@code verifyFromStart},
     * every batch from the start. If the journal ends before {@code afterIndex}, nothing is delivered and
     * {@link ReplayResult#committedIndex()} says where it ends.
     *
     * @throws JournalCorruptException on a broken chain, an unreadable committed entry or an index gap
     */
    public ReplayResult replay(final long afterIndex, final long uptoIndex, final boolean verifyFromStart,
                               final RequestVisitor visitor) {
        if (afterIndex < 0 || uptoIndex < afterIndex) {
            throw new IllegalArgumentException("need 0 <= afterIndex <= uptoIndex: " + afterIndex + ", " + uptoIndex);
        }
        if (queue == null) {
            return new ReplayResult(afterIndex, 0, 0, 0, 0, 0, false);
        }
        final Replay replay = new Replay(afterIndex, uptoIndex, visitor);
        final long anchorExcerpt = findAnchor(verifyFromStart ? 0 : afterIndex);
        replay.committed = anchorIndex;
        try (ExcerptTailer tailer = queue.createTailer(); ExcerptTailer deliverer = queue.createTailer()) {
            if (anchorExcerpt >= 0) {
                tailer.moveToIndex(anchorExcerpt);
                skip(tailer);
            }
            restartDigest();
            while (!replay.done()) {
                try (DocumentContext document = tailer.readingDocument()) {
                    if (!document.isPresent()) {
                        break;
                    }
                    replay.onEntry(document.index(), JournalFiles.read(document, entry), deliverer);
                }
            }
        }
        replay.discarded += replay.buffered;
        return new ReplayResult(replay.delivered == 0 ? afterIndex : replay.lastDelivered, replay.delivered,
            replay.events, replay.discarded, replay.verified, replay.committed, replay.stopped);
    }

    /**
     * Shows every entry from the first REQUEST with {@code index >= fromIndex} on (from the very start if
     * {@code fromIndex <= 1}), at most {@code limit} entries, for the dump and verify tools. Never throws on damage:
     * it reports it ({@code chainVerified} false, unreadable entries, discarded counts). Chains are recomputed from
     * the last COMMIT before {@code fromIndex}.
     */
    public void scan(final long fromIndex, final long limit, final EntryVisitor visitor) {
        if (queue == null || limit <= 0) {
            return;
        }
        final long anchorExcerpt = findAnchor(Math.max(0, fromIndex - 1));
        final Scan scan = new Scan(fromIndex, limit, visitor);
        try (ExcerptTailer tailer = queue.createTailer()) {
            if (anchorExcerpt >= 0) {
                tailer.moveToIndex(anchorExcerpt);
                skip(tailer);
            }
            restartDigest();
            while (scan.emitted < limit) {
                try (DocumentContext document = tailer.readingDocument()) {
                    if (!document.isPresent()) {
                        break;
                    }
                    scan.onEntry(document.index(), JournalFiles.read(document, entry));
                }
            }
        }
        if (scan.emitting && scan.buffered > 0 && scan.emitted < limit) {
            visitor.onDiscarded(scan.buffered);
        }
    }

    @Override
    public void close() {
        if (queue != null) {
            queue.close();
        }
    }

    /**
     * Reads backwards from the end to the last COMMIT with {@code lastIndex <= afterIndex}, loads its chain into
     * {@link #running} and returns its Chronicle index (or -1 for the start, with chain_0).
     */
    private long findAnchor(final long afterIndex) {
        System.arraycopy(JournalFormat.initialChain(), 0, running, 0, CHAIN_BYTES);
        anchorIndex = 0;
        if (afterIndex == 0) {
            return -1;
        }
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd()) {
            while (true) {
                try (DocumentContext document = tailer.readingDocument()) {
                    if (!document.isPresent()) {
                        return -1;
                    }
                    final int length = JournalFiles.read(document, head);
                    if (head[TYPE] == COMMIT && JournalFormat.checkShape(headBuffer, length) == null
                        && headBuffer.getLong(LAST_INDEX) <= afterIndex) {
                        anchorIndex = headBuffer.getLong(LAST_INDEX);
                        System.arraycopy(head, COMMIT_CHAIN, running, 0, CHAIN_BYTES);
                        return document.index();
                    }
                }
            }
        }
    }

    private static void skip(final ExcerptTailer tailer) {
        try (DocumentContext document = tailer.readingDocument()) {
            assert document.isPresent() : "the anchor entry vanished";
        }
    }

    private void restartDigest() {
        digest.reset();
        digest.update(running);
    }

    /** Finishes the digest of a batch into {@link #computed} and starts the next one from {@code stored}. */
    private boolean closeBatch(final byte[] stored, final int offset) {
        try {
            digest.digest(computed, 0, CHAIN_BYTES);
        } catch (final DigestException e) {
            throw new IllegalStateException("SHA-256 refused a 32-byte output", e);
        }
        final boolean matches = Arrays.equals(computed, 0, CHAIN_BYTES, stored, offset, offset + CHAIN_BYTES);
        System.arraycopy(stored, offset, running, 0, CHAIN_BYTES);
        restartDigest();
        return matches;
    }

    private String problem(final int length) {
        if (length > entry.length) {
            return "entry of " + length + " bytes (largest valid: " + entry.length + ")";
        }
        return JournalFormat.checkShape(entryBuffer, length);
    }

    private JournalCorruptException corrupt(final String where) {
        return new JournalCorruptException(where, directory.toString());
    }

    /** State of one replay between entries. */
    private final class Replay {
        private final long afterIndex;
        private final long uptoIndex;
        private final RequestVisitor visitor;
        long committed;
        long buffered;
        long bufferedRequests;
        long batchStartExcerpt = -1;
        String damage;
        long discarded;
        long verified;
        long delivered;
        long events;
        long lastDelivered;
        boolean stopped;

        Replay(final long afterIndex, final long uptoIndex, final RequestVisitor visitor) {
            this.afterIndex = afterIndex;
            this.uptoIndex = uptoIndex;
            this.visitor = visitor;
        }

        boolean done() {
            return stopped || committed >= uptoIndex;
        }

        void onEntry(final long excerpt, final int length, final ExcerptTailer deliverer) {
            final String shape = problem(length);
            if (shape != null) {
                noteDamage(shape + " at excerpt " + Long.toHexString(excerpt));
                buffered++;
                return;
            }
            switch (entry[TYPE]) {
                case REQUEST:
                    onRequest(excerpt, length);
                    break;
                case COMMIT:
                    onCommit(excerpt, deliverer);
                    break;
                case OPEN:
                    onOpen(excerpt);
                    break;
                default:
                    throw new IllegalStateException("checkShape let type " + entry[TYPE] + " through");
            }
        }

        private void noteDamage(final String what) {
            if (damage == null) {
                damage = what;
            }
        }

        private void onRequest(final long excerpt, final int length) {
            final long index = entryBuffer.getLong(INDEX);
            final long expected = committed + bufferedRequests + 1;
            if (index != expected) {
                noteDamage("index gap: REQUEST " + index + " where " + expected + " was due, at excerpt "
                    + Long.toHexString(excerpt));
            }
            if (bufferedRequests == 0) {
                batchStartExcerpt = excerpt;
            }
            digest.update(entry, 0, length);
            bufferedRequests++;
            buffered++;
        }

        private void onCommit(final long excerpt, final ExcerptTailer deliverer) {
            final long first = entryBuffer.getLong(FIRST_INDEX);
            final long last = entryBuffer.getLong(LAST_INDEX);
            final String batch = "batch " + first + ".." + last + " (COMMIT at excerpt " + Long.toHexString(excerpt)
                + ")";
            if (damage != null) {
                throw corrupt(damage + " inside committed " + batch);
            }
            if (bufferedRequests == 0 || first != committed + 1 || last != committed + bufferedRequests) {
                throw corrupt(batch + " does not match the " + bufferedRequests + " REQUEST entries after index "
                    + committed);
            }
            if (!closeBatch(entry, COMMIT_CHAIN)) {
                throw corrupt("integrity chain broken in " + batch);
            }
            verified++;
            deliver(deliverer, first, last);
            committed = last;
            buffered = 0;
            bufferedRequests = 0;
        }

        private void onOpen(final long excerpt) {
            final long next = entryBuffer.getLong(NEXT_INDEX);
            if (next != committed + 1 || !Arrays.equals(entry, OPEN_CHAIN, OPEN_CHAIN + CHAIN_BYTES, running, 0,
                CHAIN_BYTES)) {
                throw corrupt("OPEN at excerpt " + Long.toHexString(excerpt) + " continues at index " + next
                    + " but the journal is committed up to " + committed + (next == committed + 1
                    ? " with a different chain" : ""));
            }
            discarded += buffered;
            buffered = 0;
            bufferedRequests = 0;
            damage = null;
            restartDigest();
        }

        /** Re-reads the verified batch from its first REQUEST and hands the wanted requests to the visitor. */
        private void deliver(final ExcerptTailer deliverer, final long first, final long last) {
            if (last <= afterIndex || first > uptoIndex) {
                return;
            }
            if (!deliverer.moveToIndex(batchStartExcerpt)) {
                throw corrupt("cannot move back to excerpt " + Long.toHexString(batchStartExcerpt) + " of batch "
                    + first + ".." + last);
            }
            for (long index = first; index <= last && !stopped; index++) {
                try (DocumentContext document = deliverer.readingDocument()) {
                    final int length = document.isPresent() ? JournalFiles.read(document, entry) : 0;
                    if (problem(length) != null || entry[TYPE] != REQUEST || entryBuffer.getLong(INDEX) != index) {
                        throw corrupt("REQUEST " + index + " changed while it was read (excerpt "
                            + Long.toHexString(document.index()) + ")");
                    }
                    if (index > afterIndex && index <= uptoIndex) {
                        JournalFormat.decodeRequest(entryBuffer, slots);
                        delivered++;
                        events += slots.size();
                        lastDelivered = index;
                        stopped = !visitor.onRequest(index, slots);
                    }
                }
            }
        }
    }

    /** State of one scan between entries. */
    private final class Scan {
        private final long fromIndex;
        private final long limit;
        private final EntryVisitor visitor;
        boolean emitting;
        long emitted;
        long buffered;

        Scan(final long fromIndex, final long limit, final EntryVisitor visitor) {
            this.fromIndex = fromIndex;
            this.limit = limit;
            this.visitor = visitor;
            this.emitting = fromIndex <= 1;
        }

        void onEntry(final long excerpt, final int length) {
            final String shape = problem(length);
            if (shape != null) {
                if (emitting) {
                    visitor.onUnreadable(excerpt, shape);
                    emitted++;
                }
                buffered++;
                return;
            }
            if (entry[TYPE] == REQUEST) {
                digest.update(entry, 0, length);
                buffered++;
                if (!emitting && entryBuffer.getLong(INDEX) >= fromIndex) {
                    emitting = true;
                }
                if (emitting) {
                    JournalFormat.decodeRequest(entryBuffer, slots);
                    visitor.onRequest(entryBuffer.getLong(INDEX), entryBuffer.getLong(REQUEST_ID),
                        entryBuffer.getLong(ARRIVAL_NS), slots);
                    emitted++;
                }
            } else if (entry[TYPE] == COMMIT) {
                final boolean matches = closeBatch(entry, COMMIT_CHAIN);
                buffered = 0;
                if (emitting) {
                    visitor.onCommit(entryBuffer.getLong(FIRST_INDEX), entryBuffer.getLong(LAST_INDEX),
                        Arrays.copyOfRange(entry, COMMIT_CHAIN, COMMIT_CHAIN + CHAIN_BYTES), matches);
                    emitted++;
                }
            } else {
                if (emitting && buffered > 0) {
                    visitor.onDiscarded(buffered);
                }
                buffered = 0;
                restartDigest();
                if (emitting && emitted < limit) {
                    visitor.onOpen(entryBuffer.getLong(NEXT_INDEX),
                        Arrays.copyOfRange(entry, OPEN_CHAIN, OPEN_CHAIN + CHAIN_BYTES));
                    emitted++;
                }
            }
        }
    }
}
