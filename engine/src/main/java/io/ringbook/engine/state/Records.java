package io.ringbook.engine.state;

/**
 * A growable-by-count, fixed-capacity array of fixed-stride records in one {@code long[]}: no object per record.
 * Writes to existing records go through {@link #set} so an open linked chain can be rolled back.
 */
final class Records {
    static final int NONE = -1;

    final long[] data;
    final int stride;
    /** Rows allocated. */
    final int capacity;
    /** Rows the rules may fill: the journaled limit in force, at most {@link #capacity}. */
    int limit;
    private final int storeId;
    private final UndoLog undo;
    int count;
    /** While a snapshot cut is being written: rows below {@code cowRows} are copied before their first change. */
    private CopyOnWrite cow;
    private int cowRows;

    Records(final int capacity, final int stride, final int storeId, final UndoLog undo) {
        if ((long) capacity * stride > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("capacity too large for one array: " + capacity);
        }
        this.data = new long[capacity * stride];
        this.stride = stride;
        this.capacity = capacity;
        this.limit = capacity;
        this.storeId = storeId;
        this.undo = undo;
    }

    boolean isFull() {
        return count >= limit;
    }

    long get(final int row, final int field) {
        return data[row * stride + field];
    }

    void set(final int row, final int field, final long value) {
        final int index = row * stride + field;
        if (undo.isActive()) {
            undo.record(storeId, index, data[index]);
        }
        if (row < cowRows) {
            cow.beforeWrite(row);
        }
        data[index] = value;
    }

    /**
     * Writes the "next" half of a list link. Not copied for a snapshot cut: next links are derived data (each row's
     * "previous" half, written once with the row, determines them), so snapshots store them as NONE and
     * {@link LedgerTables#rebuildDerived} derives them again. Appending to a list therefore never makes the ledger
     * copy the old row. Still undone with a rolled-back chain.
     */
    void setNextLink(final int row, final int field, final long value) {
        final int index = row * stride + field;
        if (undo.isActive()) {
            undo.record(storeId, index, data[index]);
        }
        data[index] = value;
    }

    /** A link word with its "next" half cleared to NONE: the form snapshots and the state hash use. */
    static long withoutNext(final long link) {
        return link | 0xFFFF_FFFFL;
    }

    /** From now on, rows below {@code cow.rows()} are handed to {@code cow} before their first change. */
    void attach(final CopyOnWrite value) {
        cow = value;
        cowRows = value.rows();
    }

    void detach() {
        cow = null;
        cowRows = 0;
    }

    /** Appends a record and returns its row; the caller writes every field (rows may hold rolled-back data). */
    int append() {
        return count++;
    }

    /** The first row whose {@code field} (ascending over rows) is >= {@code value}, or {@link #count}. */
    int lowerBound(final int field, final long value) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (get(mid, field) < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** True if some record's {@code field} (ascending over rows) equals {@code value}. */
    boolean contains(final int field, final long value) {
        final int row = lowerBound(field, value);
        return row < count && get(row, field) == value;
    }

    /** Puts back the old value of word {@code index} when a linked chain is rolled back (not recorded again). */
    void rollBack(final int index, final long value) {
        if (index / stride < cowRows) {
            cow.beforeWrite(index / stride);
        }
        data[index] = value;
    }

    long bytes() {
        return data.length * (long) Long.BYTES;
    }

    static long pack(final int high, final int low) {
        return ((long) high << 32) | (low & 0xFFFF_FFFFL);
    }

    static int high(final long packed) {
        return (int) (packed >> 32);
    }

    static int low(final long packed) {
        return (int) packed;
    }
}
