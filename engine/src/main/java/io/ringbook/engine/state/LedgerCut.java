package io.ringbook.engine.state;

import java.io.IOException;

/**
 * A consistent cut of the ledger state for a snapshot, taken by the ledger thread between two requests (the
 * {@code SNAPSHOT} operation) in O(1): nothing is copied up front. A writer thread then {@linkplain #stream streams}
 * the rows as they were at the cut while the ledger thread carries on; a row the ledger changes before the writer
 * got to it is copied by the ledger thread first, one chunk of rows at a time (see {@link CopyOnWrite}).
 *
 * <p>The rows are the engine's own fixed-stride records ({@code long} words; layouts in {@link Section} and
 * {@link RowDecoder}); {@link LedgerSnapshots} takes the cut and, through {@link Ledger#restore}, reads it back. Ids
 * are not indexed in a snapshot: the indexes are rebuilt on load. Exactly one thread streams a cut, once, and then
 * {@linkplain #close() closes} it; until then the ledger refuses another cut.
 */
public final class LedgerCut implements AutoCloseable {
    /** The row sections of a snapshot, in the order they are streamed and hashed. */
    public enum Section {
        ACCOUNTS(Layout.ACCOUNT_STRIDE),
        /** Next links of the per-account transfer lists are stored as NONE (derived again on restore). */
        TRANSFERS(Layout.TRANSFER_STRIDE, Layout.T_DEBIT_LINKS, Layout.T_CREDIT_LINKS),
        /** Next links of the per-account history lists are stored as NONE (derived again on restore). */
        HISTORY(Layout.HISTORY_STRIDE, Layout.H_LINKS),
        /** Transfer ids whose first attempt failed transiently ({@code id_already_failed}), one word each. */
        FAILED_IDS(1);

        private final int stride;
        private final int[] linkFields;
        /** Per field: does it hold a (previous | next) list link. */
        private final boolean[] isLink;

        Section(final int stride, final int... linkFields) {
            this.stride = stride;
            this.linkFields = linkFields;
            this.isLink = new boolean[stride];
            for (final int link : linkFields) {
                isLink[link] = true;
            }
        }

        /** True for a field that holds a (previous | next) list link. */
        boolean isNextLink(final int field) {
            return isLink[field];
        }

        /** Clears the next half of every link word in {@code rows} rows of {@code data}. */
        void clearNextLinks(final long[] data, final int rows) {
            for (final int link : linkFields) {
                for (int row = 0; row < rows; row++) {
                    data[row * stride + link] = Records.withoutNext(data[row * stride + link]);
                }
            }
        }

        /** Words ({@code long}s) per row. */
        public int stride() {
            return stride;
        }
    }

    /**
     * The scalars of a cut: where it is in the journal, the clock, and the row count of each section.
     *
     * @param journalIndex        journal index of the last mutating request the cut includes
     * @param lastTimestamp       the clock's last timestamp
     * @param lastExpiryTimestamp timestamp of the latest expiry
     * @param historyReserved     history rows reserved for pending transfers' resolutions
     * @param rows                row count per {@link Section}, in declaration order
     * @param limits              the capacity limits in force (of the last CONFIGURE), or null if none was applied
     */
    public record Header(long journalIndex, long lastTimestamp, long lastExpiryTimestamp, int historyReserved,
                         int[] rows, LedgerConfig limits) {
        /** Copies {@code rows}, which must hold one count per {@link Section}. */
        public Header {
            if (rows.length != Section.values().length) {
                throw new IllegalArgumentException("one row count per section expected: " + rows.length);
            }
            rows = rows.clone();
        }

        /** The row count of one section. */
        public int rows(final Section section) {
            return rows[section.ordinal()];
        }

        @Override
        public int[] rows() {
            return rows.clone();
        }
    }

    /** Receives a cut's rows, section by section in {@link Section} order, a chunk at a time. */
    @FunctionalInterface
    public interface ChunkSink {
        /** {@code rows * section.stride()} words of {@code data} from offset 0; the array is reused after return. */
        void accept(Section section, long[] data, int rows) throws IOException;
    }

    /** Fills a section's words when a ledger is restored. */
    @FunctionalInterface
    public interface SectionReader {
        /** Reads exactly {@code words} words of {@code section} into {@code target} from offset 0. */
        void read(Section section, long[] target, int words) throws IOException;

        /**
         * Reads exactly {@code words} words of {@code section} into the table's pages, filling each from offset 0 up
         * to its length before the next. This default reads a section of more than one page whole into a temporary
         * array first; a reader that streams (the snapshot file's) overrides it to read straight into the pages.
         */
        default void readPages(final Section section, final long[][] pages, final int words) throws IOException {
            if (pages.length <= 1) {
                read(section, pages.length == 0 ? new long[0] : pages[0], words);
                return;
            }
            final long[] whole = new long[words];
            read(section, whole, words);
            int from = 0;
            for (final long[] page : pages) {
                final int length = Math.min(page.length, words - from);
                System.arraycopy(whole, from, page, 0, length);
                from += length;
            }
        }
    }

    /** The sections whose rows may change after the cut; failed ids are append-only. */
    private static final Section[] COPIED_SECTIONS = {Section.ACCOUNTS, Section.TRANSFERS, Section.HISTORY};

    private final LedgerConfig config;
    private final Header header;
    private final CopyOnWrite[] cows;
    private final Records failed;
    private volatile boolean closed;

    LedgerCut(final LedgerConfig config, final LedgerConfig limits, final long journalIndex, final long lastTimestamp,
              final long lastExpiryTimestamp, final int historyReserved, final CopyOnWrite accounts,
              final CopyOnWrite transfers, final CopyOnWrite history, final int failedRows, final Records failed) {
        this.config = config;
        this.cows = new CopyOnWrite[] {accounts, transfers, history};
        this.failed = failed;
        this.header = new Header(journalIndex, lastTimestamp, lastExpiryTimestamp, historyReserved,
            new int[] {accounts.rows(), transfers.rows(), history.rows(), failedRows}, limits);
    }

    /** The capacities of the ledger the cut was taken from. */
    public LedgerConfig config() {
        return config;
    }

    /** The scalars and row counts of the cut, written ahead of the rows. */
    public Header header() {
        return header;
    }

    CopyOnWrite cow(final Section section) {
        return cows[section.ordinal()];
    }

    /**
     * Hands every row of the cut to {@code sink}, section by section, and returns the state hash of the cut (equal to
     * what {@link Ledger#stateHash()} answered at the cut, computed here so the ledger thread does not pay for it).
     * Call once, from one thread.
     */
    public long stream(final ChunkSink sink) throws IOException {
        final StateHash hash = new StateHash().add(header.lastTimestamp()).add(header.lastExpiryTimestamp());
        final long[] buffer = new long[CopyOnWrite.CHUNK_ROWS * Layout.TRANSFER_STRIDE];
        for (final Section section : COPIED_SECTIONS) {
            final CopyOnWrite cow = cow(section);
            hash.add(cow.rows());
            for (int chunk = 0; chunk < cow.chunks(); chunk++) {
                final int rows = cow.chunkRows(chunk);
                final long[] data = cow.read(chunk, buffer);
                section.clearNextLinks(data, rows);
                hash.add(data, rows * section.stride());
                sink.accept(section, data, rows);
            }
        }
        final int failedRows = header.rows(Section.FAILED_IDS);
        long failedDigest = 0;
        int first = 0;
        while (first < failedRows) {
            final int toPageEnd = Records.PAGE_ROWS - (first & Records.PAGE_MASK);
            final int rows = Math.min(Math.min(buffer.length, failedRows - first), toPageEnd);
            failed.copyRows(first, rows, buffer);
            first += rows;
            for (int i = 0; i < rows; i++) {
                failedDigest += StateHash.mix(buffer[i]);
            }
            sink.accept(Section.FAILED_IDS, buffer, rows);
        }
        return StateHash.withLimits(hash.add(failedRows).add(failedDigest).value(), header.limits());
    }

    /** Ends the cut (written or abandoned): the ledger thread stops copying rows for it at its next request. */
    @Override
    public void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Chunks of rows the ledger thread copied because it changed them before the writer read them (a metric). */
    public long ledgerCopies() {
        long copies = 0;
        for (final CopyOnWrite cow : cows) {
            copies += cow.ledgerCopies();
        }
        return copies;
    }

    /** Time the ledger thread spent on those copies: the snapshot's cost to the ledger stage (a metric). */
    public long ledgerCopyNs() {
        long ns = 0;
        for (final CopyOnWrite cow : cows) {
            ns += cow.ledgerCopyNs();
        }
        return ns;
    }
}
