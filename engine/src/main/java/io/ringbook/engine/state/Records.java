package io.ringbook.engine.state;

/**
 * A table of fixed-stride records, no object per record, in pages of {@link #PAGE_ROWS} rows ({@code long[][]}).
 * {@link #capacity} is the most rows it may ever hold; memory grows with the rows stored: a page is allocated when
 * {@link #append()} first reaches it, so an empty table holds only its page pointers. Pages never move or shrink,
 * so a snapshot writer reading rows of a cut on another thread ({@link CopyOnWrite}) reads stable arrays. Writes to
 * existing records go through {@link #set} so an open linked chain can be rolled back.
 *
 * <pre>
 *   row r lives in pages[r &gt;&gt;&gt; PAGE_SHIFT], words [(r &amp; PAGE_MASK) * stride, + stride)
 *   word index (undo log, rollBack) = r * stride + field, as if the pages were one array
 * </pre>
 *
 * <p>The heap must be sized for the full capacity of every table: running out of rows answers a result code, but
 * the pages up to the capacity are allocated on demand, so a heap too small for them fails only when they fill.
 */
final class Records {
    static final int NONE = -1;
    /** log2 of {@link #PAGE_ROWS}. */
    static final int PAGE_SHIFT = 14;
    /**
     * Rows per page: a power of two and a multiple of {@link CopyOnWrite#CHUNK_ROWS}, so a chunk never spans pages.
     * 16384 rows of 13 words are 1.7 MB: one G1 region at the default region size of a 4 GB heap.
     */
    static final int PAGE_ROWS = 1 << PAGE_SHIFT;
    static final int PAGE_MASK = PAGE_ROWS - 1;

    static {
        if (PAGE_ROWS % CopyOnWrite.CHUNK_ROWS != 0) {
            throw new AssertionError("a copy-on-write chunk must not span pages");
        }
    }

    private final long[][] pages;
    final int stride;
    /** Most rows the table may hold (pages are allocated up to here, on demand). */
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
            throw new IllegalArgumentException("capacity too large for int word indexes: " + capacity);
        }
        this.pages = new long[(capacity + PAGE_ROWS - 1) >>> PAGE_SHIFT][];
        this.stride = stride;
        this.capacity = capacity;
        this.limit = capacity;
        this.storeId = storeId;
        this.undo = undo;
    }

    boolean isFull() {
        return count >= limit;
    }

    /** The page holding {@code row} (allocated: {@code row} was appended). */
    long[] page(final int row) {
        return pages[row >>> PAGE_SHIFT];
    }

    /** Where {@code row} starts in its {@link #page}. */
    int offset(final int row) {
        return (row & PAGE_MASK) * stride;
    }

    long get(final int row, final int field) {
        return pages[row >>> PAGE_SHIFT][(row & PAGE_MASK) * stride + field];
    }

    void set(final int row, final int field, final long value) {
        final long[] page = pages[row >>> PAGE_SHIFT];
        final int at = (row & PAGE_MASK) * stride + field;
        if (undo.isActive()) {
            undo.record(storeId, row * stride + field, page[at]);
        }
        if (row < cowRows) {
            cow.beforeWrite(row);
        }
        page[at] = value;
    }

    /**
     * Writes the "next" half of a list link. Not copied for a snapshot cut: next links are derived data (each row's
     * "previous" half, written once with the row, determines them), so snapshots store them as NONE and
     * {@link LedgerTables#rebuildDerived} derives them again. Appending to a list therefore never makes the ledger
     * copy the old row. Still undone with a rolled-back chain.
     */
    void setNextLink(final int row, final int field, final long value) {
        final long[] page = pages[row >>> PAGE_SHIFT];
        final int at = (row & PAGE_MASK) * stride + field;
        if (undo.isActive()) {
            undo.record(storeId, row * stride + field, page[at]);
        }
        page[at] = value;
    }

    /**
     * Writes a word without undo or copy-on-write: for a row just appended (no cut or chain has seen it yet) and for
     * derived data rebuilt on restore, before any cut.
     */
    void setDerived(final int row, final int field, final long value) {
        pages[row >>> PAGE_SHIFT][(row & PAGE_MASK) * stride + field] = value;
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

    /**
     * Appends a record and returns its row; the caller writes every field (rows may hold rolled-back data). The
     * caller has checked the row is within {@link #limit}; the first row of a page allocates the page.
     */
    int append() {
        final int row = count;
        if (pages[row >>> PAGE_SHIFT] == null) {
            allocatePage(row >>> PAGE_SHIFT);
        }
        count = row + 1;
        return row;
    }

    /**
     * Makes sure the pages for rows below {@code rows} exist (restore fills them before setting {@link #count}).
     *
     * @throws IllegalArgumentException if {@code rows} is above the capacity
     */
    void allocateRows(final int rows) {
        if (rows > capacity) {
            throw new IllegalArgumentException(rows + " rows exceed the capacity " + capacity);
        }
        for (int page = 0; page < pages(rows); page++) {
            if (pages[page] == null) {
                allocatePage(page);
            }
        }
    }

    /** Pages that hold the rows below {@code rows}. */
    static int pages(final int rows) {
        return (rows + PAGE_ROWS - 1) >>> PAGE_SHIFT;
    }

    /** The page with index {@code page} (not a row number), or null if not allocated yet. */
    long[] pageAt(final int page) {
        return pages[page];
    }

    /** The first pages, those that hold the rows below {@code rows} (allocated), for a restore to fill. */
    long[][] pagesFor(final int rows) {
        return java.util.Arrays.copyOf(pages, pages(rows));
    }

    /** Rows of page {@code page} below {@code rows}: how many of {@code rows} rows it holds. */
    static int rowsInPage(final int page, final int rows) {
        return Math.min(PAGE_ROWS, rows - (page << PAGE_SHIFT));
    }

    /** Copies {@code rows} rows from {@code first} (all in one page) to the start of {@code target}. */
    void copyRows(final int first, final int rows, final long[] target) {
        assert rows == 0 || first >>> PAGE_SHIFT == (first + rows - 1) >>> PAGE_SHIFT : "rows span pages";
        System.arraycopy(pages[first >>> PAGE_SHIFT], offset(first), target, 0, rows * stride);
    }

    /** The last page holds only the rows up to the capacity, so a small table stays small. */
    private void allocatePage(final int page) {
        pages[page] = new long[rowsInPage(page, capacity) * stride];
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
        final int row = index / stride;
        if (row < cowRows) {
            cow.beforeWrite(row);
        }
        pages[row >>> PAGE_SHIFT][(row & PAGE_MASK) * stride + index % stride] = value;
    }

    /** Bytes held now: the allocated pages and the page pointers. */
    long bytes() {
        long bytes = pages.length * (long) Integer.BYTES;
        for (final long[] page : pages) {
            if (page != null) {
                bytes += page.length * (long) Long.BYTES;
            }
        }
        return bytes;
    }

    /** Bytes a table of {@code capacity} rows holds when full. */
    static long bytesAtCapacity(final int capacity, final int stride) {
        return capacity * (long) stride * Long.BYTES + pages(capacity) * (long) Integer.BYTES;
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
