package io.ringbook.engine.state;

import io.ringbook.model.Limits;

/**
 * All or nothing for a linked chain: while a chain is open, the tables record the old value of every in-place write
 * in the {@link UndoLog}, and the appends are undone by restoring the row counts; {@link #rollback()} puts the tables
 * back as they were at {@link #begin()}. Expiries of pending transfers created inside the chain are held back until
 * it commits, so a rolled-back transfer never reaches the expiry queue.
 */
final class ChainUndo {
    private final LedgerTables tables;
    private final UndoLog undo;
    private final int[] expiries = new int[Limits.REQUEST_SIZE_MAX];
    private int expiryCount;

    private int accounts;
    private int transfers;
    private int history;
    private int historyReserved;

    ChainUndo(final LedgerTables tables, final UndoLog undo) {
        this.tables = tables;
        this.undo = undo;
    }

    /** Opens a chain: from now on every in-place write to the tables can be undone. */
    void begin() {
        undo.begin();
        accounts = tables.accounts.count;
        transfers = tables.transfers.count;
        history = tables.history.count;
        historyReserved = tables.historyReserved;
        expiryCount = 0;
    }

    /** Closes a chain whose events all succeeded: keeps its writes and schedules its expiries. */
    void commit() {
        undo.end();
        for (int i = 0; i < expiryCount; i++) {
            tables.expiries.add(expiries[i]);
        }
        expiryCount = 0;
    }

    /** Closes a failed chain: undoes its writes newest first, drops its appended rows and its expiries. */
    void rollback() {
        for (int entry = undo.size() - 1; entry >= 0; entry--) {
            final int index = undo.index(entry);
            switch (undo.store(entry)) {
                case UndoLog.ACCOUNTS:
                    tables.accounts.rollBack(index, undo.old(entry));
                    break;
                case UndoLog.TRANSFERS:
                    tables.transfers.rollBack(index, undo.old(entry));
                    break;
                case UndoLog.HISTORY:
                    tables.history.rollBack(index, undo.old(entry));
                    break;
                case UndoLog.ACCOUNT_INDEX:
                    tables.accountIndex.clearNewest(index);
                    break;
                case UndoLog.TRANSFER_INDEX:
                    tables.transferIndex.clearNewest(index);
                    break;
                default:
                    throw new IllegalStateException("unknown undo store " + undo.store(entry));
            }
        }
        tables.accounts.count = accounts;
        tables.transfers.count = transfers;
        tables.history.count = history;
        tables.historyReserved = historyReserved;
        expiryCount = 0;
        undo.end();
    }

    /** Queues the pending transfer in {@code row} for expiry: now, or when its chain commits. */
    void scheduleExpiry(final int row) {
        if (undo.isActive()) {
            expiries[expiryCount++] = row;
        } else {
            tables.expiries.add(row);
        }
    }
}
