package io.ringbook.engine.state;

import java.io.IOException;

/**
 * The ledger's side of snapshots: takes a {@link LedgerCut} of the tables (at most one open at a time), stops the
 * copy-on-write once the writer has closed it, and fills empty tables from a cut's sections when a snapshot is
 * loaded. Runs on the ledger thread; the cut itself is streamed on another.
 */
final class LedgerSnapshots {
    private final LedgerConfig config;
    private final LedgerTables tables;
    /** The cut being written, if any. */
    private LedgerCut open;

    LedgerSnapshots(final LedgerConfig config, final LedgerTables tables) {
        this.config = config;
        this.tables = tables;
    }

    /**
     * Takes a consistent cut between two requests, in O(1): from now on rows are copied before they change. Returns
     * null while the previous cut is still open.
     */
    LedgerCut cut(final long journalIndex, final long lastTimestamp, final long lastExpiryTimestamp,
                  final LedgerConfig limits) {
        if (open != null) {
            return null;
        }
        final LedgerCut cut = new LedgerCut(config, limits, journalIndex, lastTimestamp, lastExpiryTimestamp,
            tables.historyReserved, new CopyOnWrite(tables.accounts), new CopyOnWrite(tables.transfers),
            new CopyOnWrite(tables.history), tables.failed.count, tables.failed);
        tables.accounts.attach(cut.cow(LedgerCut.Section.ACCOUNTS));
        tables.transfers.attach(cut.cow(LedgerCut.Section.TRANSFERS));
        tables.history.attach(cut.cow(LedgerCut.Section.HISTORY));
        open = cut;
        return cut;
    }

    /** Once the open cut is closed (written or abandoned), stops copying rows for it. Called before each request. */
    void detachIfClosed() {
        if (open != null && open.isClosed()) {
            tables.accounts.detach();
            tables.transfers.detach();
            tables.history.detach();
            open = null;
        }
    }

    /**
     * Reads the rows of every section of a cut straight into empty tables (their pages allocated for the restored
     * row counts at once, the indexes sized for them before the rebuild), restores the history reservation, and
     * derives the rest again ({@link LedgerTables#rebuildDerived()}).
     *
     * @throws IllegalArgumentException if a section holds more rows than the tables have room for
     */
    static void restore(final LedgerTables tables, final LedgerCut.Header header,
                        final LedgerCut.SectionReader reader) throws IOException {
        for (final LedgerCut.Section section : LedgerCut.Section.values()) {
            final Records records = records(tables, section);
            final int rows = header.rows(section);
            if (rows > records.capacity) {
                throw new IllegalArgumentException("the snapshot holds " + rows + " rows of " + section
                    + " but the configured capacity is " + records.capacity);
            }
            records.allocateRows(rows);
            reader.readPages(section, records.pagesFor(rows), rows * records.stride);
            records.count = rows;
        }
        tables.historyReserved = header.historyReserved();
        tables.rebuildDerived();
    }

    private static Records records(final LedgerTables tables, final LedgerCut.Section section) {
        switch (section) {
            case ACCOUNTS:
                return tables.accounts;
            case TRANSFERS:
                return tables.transfers;
            case HISTORY:
                return tables.history;
            case FAILED_IDS:
                return tables.failed;
            default:
                throw new IllegalArgumentException("unknown section " + section);
        }
    }
}
