package io.ringbook.engine.state;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Lets a snapshot writer thread read the rows a {@link Records} held at a cut while the ledger thread keeps changing
 * them. The rows are split into chunks; each chunk is copied exactly once, by whichever thread gets to it first:
 * the writer when it reaches the chunk, or the ledger thread just before its first change to a row of the chunk.
 * A claim is a compare-and-set on the chunk's state, so the two never copy the same chunk and the ledger never
 * changes a chunk the writer is still copying (it waits for that copy: at most one chunk, microseconds). A chunk
 * never spans two of the table's pages ({@link Records#PAGE_ROWS} is a multiple of {@link #CHUNK_ROWS}).
 */
final class CopyOnWrite {
    static final int CHUNK_ROWS = 1024;

    private static final int FREE = 0;
    private static final int COPYING = 1;
    private static final int COPIED = 2;

    private final Records records;
    private final int rows;
    private final AtomicIntegerArray states;
    /** Chunks the ledger thread copied, until the writer takes them. */
    private final AtomicReferenceArray<long[]> copies;
    /** Ledger thread only: chunks already safe to change. */
    private final boolean[] safe;
    /** Written by the ledger thread only; volatile so a writer thread can report them. */
    private volatile long ledgerCopies;
    private volatile long ledgerCopyNs;

    CopyOnWrite(final Records records) {
        this.records = records;
        this.rows = records.count;
        final int chunks = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
        this.states = new AtomicIntegerArray(chunks);
        this.copies = new AtomicReferenceArray<>(chunks);
        this.safe = new boolean[chunks];
    }

    int rows() {
        return rows;
    }

    int chunks() {
        return safe.length;
    }

    /** Ledger thread: called before a change to {@code row} (below {@link #rows()}). */
    void beforeWrite(final int row) {
        final int chunk = row / CHUNK_ROWS;
        if (safe[chunk]) {
            return;
        }
        safe[chunk] = true;
        if (states.compareAndSet(chunk, FREE, COPYING)) {
            final long start = System.nanoTime();
            copies.set(chunk, copyOf(chunk));
            states.set(chunk, COPIED);
            ledgerCopies = ledgerCopies + 1;
            ledgerCopyNs = ledgerCopyNs + System.nanoTime() - start;
        } else {
            while (states.get(chunk) != COPIED) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Writer thread: the chunk's rows as of the cut, {@code chunkRows(chunk) * stride} longs from offset 0 of the
     * returned array (either {@code buffer} or the ledger thread's copy).
     */
    long[] read(final int chunk, final long[] buffer) {
        if (states.compareAndSet(chunk, FREE, COPYING)) {
            records.copyRows(chunk * CHUNK_ROWS, chunkRows(chunk), buffer);
            states.set(chunk, COPIED);
            return buffer;
        }
        while (states.get(chunk) != COPIED) {
            Thread.onSpinWait();
        }
        return copies.getAndSet(chunk, null);
    }

    int chunkRows(final int chunk) {
        return Math.min(CHUNK_ROWS, rows - chunk * CHUNK_ROWS);
    }

    /** Chunks the ledger thread had to copy itself, and the time it spent doing so. */
    long ledgerCopies() {
        return ledgerCopies;
    }

    long ledgerCopyNs() {
        return ledgerCopyNs;
    }

    private long[] copyOf(final int chunk) {
        final long[] copy = new long[chunkRows(chunk) * records.stride];
        records.copyRows(chunk * CHUNK_ROWS, chunkRows(chunk), copy);
        return copy;
    }
}
