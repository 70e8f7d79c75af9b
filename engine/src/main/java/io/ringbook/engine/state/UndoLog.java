package io.ringbook.engine.state;

import io.ringbook.model.Limits;

/**
 * Records the old value of every in-place write made while a linked chain is open, so that a failing chain can be
 * rolled back exactly. Appends (new accounts, transfers, history rows) need no entry: rolling back restores the
 * counts. Outside a chain nothing is recorded.
 */
final class UndoLog {
    static final int ACCOUNTS = 0;
    static final int TRANSFERS = 1;
    static final int HISTORY = 2;
    static final int ACCOUNT_INDEX = 3;
    static final int TRANSFER_INDEX = 4;
    /** Failed ids are append-only and never rolled back; the id exists so their store has one. */
    static final int FAILED = 5;

    /** Room for the in-place writes of a chain as long as a request, at a few writes per event, before growing. */
    private static final int INITIAL_ENTRIES = Limits.REQUEST_SIZE_MAX * 24;

    private long[] where = new long[INITIAL_ENTRIES];
    private long[] old = new long[INITIAL_ENTRIES];
    private int size;
    private boolean active;

    boolean isActive() {
        return active;
    }

    void begin() {
        assert !active && size == 0;
        active = true;
    }

    void end() {
        active = false;
        size = 0;
    }

    int size() {
        return size;
    }

    int store(final int entry) {
        return (int) (where[entry] >>> 40);
    }

    int index(final int entry) {
        return (int) (where[entry] & ((1L << 40) - 1));
    }

    long old(final int entry) {
        return old[entry];
    }

    void record(final int store, final long index, final long oldValue) {
        if (size == where.length) {
            where = java.util.Arrays.copyOf(where, size * 2);
            old = java.util.Arrays.copyOf(old, size * 2);
        }
        where[size] = ((long) store << 40) | index;
        old[size] = oldValue;
        size++;
    }
}
