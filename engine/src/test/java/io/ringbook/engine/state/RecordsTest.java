package io.ringbook.engine.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paged records: pages appear as rows are appended, rows read and write the same across page boundaries. */
class RecordsTest {
    private static final int STRIDE = 3;
    private static final int ROWS = 2 * Records.PAGE_ROWS + 500;

    private static Records filled(final UndoLog undo, final int capacity, final int rows) {
        final Records records = new Records(capacity, STRIDE, UndoLog.TRANSFERS, undo);
        for (int i = 0; i < rows; i++) {
            final int row = records.append();
            for (int field = 0; field < STRIDE; field++) {
                records.setDerived(row, field, word(row, field));
            }
        }
        return records;
    }

    private static long word(final int row, final int field) {
        return row * 10L + field;
    }

    @Test
    void shouldAllocateAPageOnlyWhenTheFirstRowOfItIsAppended() {
        final Records records = new Records(3 * Records.PAGE_ROWS, STRIDE, UndoLog.TRANSFERS, new UndoLog());
        final long empty = records.bytes();
        assertTrue(empty < 64, "an empty table holds only its page pointers: " + empty);
        assertNull(records.pageAt(0));
        records.append();
        final long onePage = Records.PAGE_ROWS * STRIDE * (long) Long.BYTES;
        assertEquals(empty + onePage, records.bytes());
        for (int i = 1; i < Records.PAGE_ROWS; i++) {
            records.append();
        }
        assertNull(records.pageAt(1));
        assertEquals(empty + onePage, records.bytes());
        assertEquals(Records.PAGE_ROWS, records.append());
        assertEquals(empty + 2 * onePage, records.bytes());
    }

    @Test
    void shouldSizeTheLastPageToTheCapacity() {
        final Records small = filled(new UndoLog(), 10, 10);
        assertEquals(10 * STRIDE, small.pageAt(0).length);
        final Records twoPages = filled(new UndoLog(), Records.PAGE_ROWS + 7, Records.PAGE_ROWS + 1);
        assertEquals(7 * STRIDE, twoPages.pageAt(1).length);
        assertEquals(Records.bytesAtCapacity(Records.PAGE_ROWS + 7, STRIDE), twoPages.bytes());
    }

    @Test
    void shouldReadAndWriteRowsAcrossPageBoundaries() {
        final Records records = filled(new UndoLog(), ROWS, ROWS);
        for (int row = 0; row < ROWS; row++) {
            for (int field = 0; field < STRIDE; field++) {
                assertEquals(word(row, field), records.get(row, field));
            }
        }
        final int last = Records.PAGE_ROWS - 1;
        records.set(last, 2, -1);
        records.set(last + 1, 0, -2);
        assertEquals(-1, records.get(last, 2));
        assertEquals(-2, records.get(last + 1, 0));
        assertEquals(word(last + 1, 1), records.get(last + 1, 1));
        assertSame(records.page(last + 1), records.pageAt(1));
        assertEquals(0, records.offset(last + 1));
        assertEquals((Records.PAGE_ROWS - 1) * STRIDE, records.offset(last));
    }

    @Test
    void shouldRollBackWritesInEveryPageByWordIndex() {
        final UndoLog undo = new UndoLog();
        final Records records = filled(undo, ROWS, ROWS);
        final int[] rows = {0, Records.PAGE_ROWS - 1, Records.PAGE_ROWS, 2 * Records.PAGE_ROWS + 499};
        undo.begin();
        for (final int row : rows) {
            records.set(row, 1, -row - 1);
        }
        assertEquals(rows.length, undo.size());
        for (int entry = undo.size() - 1; entry >= 0; entry--) {
            assertEquals(UndoLog.TRANSFERS, undo.store(entry));
            records.rollBack(undo.index(entry), undo.old(entry));
        }
        undo.end();
        for (final int row : rows) {
            assertEquals(word(row, 1), records.get(row, 1));
        }
    }

    @Test
    void shouldFindValuesWithBinarySearchAcrossPages() {
        final Records records = filled(new UndoLog(), ROWS, ROWS);
        for (final int row : new int[] {0, 1, Records.PAGE_ROWS - 1, Records.PAGE_ROWS, ROWS - 1}) {
            assertEquals(row, records.lowerBound(0, word(row, 0)));
            assertTrue(records.contains(0, word(row, 0)));
            assertFalse(records.contains(0, word(row, 0) + 1));
            assertEquals(row + 1, records.lowerBound(0, word(row, 0) + 1));
        }
        assertEquals(ROWS, records.lowerBound(0, Long.MAX_VALUE));
    }

    @Test
    void shouldHandChunksOfEveryPageToASnapshotAsTheyWereAtTheCut() {
        final Records records = filled(new UndoLog(), ROWS, ROWS);
        final CopyOnWrite cow = new CopyOnWrite(records);
        records.attach(cow);
        final int changed = Records.PAGE_ROWS + CopyOnWrite.CHUNK_ROWS + 5;
        records.set(changed, 0, -1);
        records.append();
        records.detach();
        assertEquals(-1, records.get(changed, 0));
        assertEquals(ROWS, cow.rows());
        final long[] buffer = new long[CopyOnWrite.CHUNK_ROWS * STRIDE];
        int row = 0;
        for (int chunk = 0; chunk < cow.chunks(); chunk++) {
            final long[] data = cow.read(chunk, buffer);
            for (int i = 0; i < cow.chunkRows(chunk); i++, row++) {
                for (int field = 0; field < STRIDE; field++) {
                    assertEquals(word(row, field), data[i * STRIDE + field], "row " + row);
                }
            }
        }
        assertEquals(ROWS, row);
        assertEquals(1, cow.ledgerCopies());
    }

    @Test
    void shouldAllocateThePagesARestoreFillsAtOnce() {
        final Records records = new Records(ROWS, STRIDE, UndoLog.TRANSFERS, new UndoLog());
        records.allocateRows(Records.PAGE_ROWS + 1);
        assertEquals(2, records.pagesFor(Records.PAGE_ROWS + 1).length);
        assertNull(records.pageAt(2));
        assertThrows(IllegalArgumentException.class, () -> records.allocateRows(ROWS + 1));
    }
}
