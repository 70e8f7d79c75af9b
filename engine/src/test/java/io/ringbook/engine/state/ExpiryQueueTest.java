package io.ringbook.engine.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expiry queue starts small, grows up to the transfer capacity, and keeps its order through growth. */
class ExpiryQueueTest {
    private static final int TRANSFERS = 5000;

    /** Transfers with a timestamp and a timeout in a scrambled order of expiry. */
    private static Records transfers(final int count) {
        final Records transfers = new Records(count, Layout.TRANSFER_STRIDE, UndoLog.TRANSFERS, new UndoLog());
        for (int i = 0; i < count; i++) {
            final int row = transfers.append();
            transfers.setDerived(row, Layout.T_TIMESTAMP, 1_000 + row);
            transfers.setDerived(row, Layout.T_USER_DATA_32_TIMEOUT, Records.pack(0, (row * 7919) % 1000 + 1));
        }
        return transfers;
    }

    @Test
    void shouldGrowAndPollInOrderOfExpiry() {
        final Records transfers = transfers(TRANSFERS);
        final ExpiryQueue queue = new ExpiryQueue(TRANSFERS, transfers);
        assertEquals(ExpiryQueue.INITIAL_ENTRIES, queue.room());
        for (int row = 0; row < TRANSFERS; row++) {
            queue.add(row);
        }
        assertEquals(TRANSFERS, queue.room(), "doubling stops at the capacity");
        long previous = Long.MIN_VALUE;
        int previousRow = -1;
        for (int i = 0; i < TRANSFERS; i++) {
            final int row = queue.poll();
            final long expiresAt = queue.expiresAt(row);
            assertTrue(expiresAt > previous || expiresAt == previous && row > previousRow);
            previous = expiresAt;
            previousRow = row;
        }
        assertTrue(queue.isEmpty());
    }

    @Test
    void shouldNotHoldMoreThanTheCapacity() {
        final Records transfers = transfers(3);
        final ExpiryQueue queue = new ExpiryQueue(3, transfers);
        assertEquals(3, queue.room());
        queue.add(0);
        queue.add(1);
        queue.add(2);
        assertThrows(IllegalStateException.class, () -> queue.add(0));
    }
}
