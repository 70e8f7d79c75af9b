package io.ringbook.engine.state;

/**
 * Pending transfers with a timeout, ordered by (expires_at, row) in a binary min-heap of transfer rows. Entries are
 * removed lazily: a transfer posted or voided before its deadline stays until its deadline and is skipped then.
 * Starts small and doubles when full, up to the transfer capacity (each transfer enters at most once): an amortised,
 * rare allocation of an int array, none once it has reached the number of pending transfers in flight.
 */
final class ExpiryQueue {
    /** Entries of a new queue (fewer if the capacity is smaller). */
    static final int INITIAL_ENTRIES = 1024;

    private int[] heap;
    private final int capacity;
    private final Records transfers;
    private int size;

    ExpiryQueue(final int capacity, final Records transfers) {
        this.heap = new int[Math.min(capacity, INITIAL_ENTRIES)];
        this.capacity = capacity;
        this.transfers = transfers;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int peek() {
        return heap[0];
    }

    long expiresAt(final int row) {
        final long timeout = Records.low(transfers.get(row, Layout.T_USER_DATA_32_TIMEOUT)) & 0xFFFF_FFFFL;
        return transfers.get(row, Layout.T_TIMESTAMP) + timeout * Layout.NS_PER_SECOND;
    }

    void add(final int row) {
        if (size == heap.length) {
            if (size >= capacity) {
                throw new IllegalStateException("expiry queue full at its capacity " + capacity);
            }
            heap = java.util.Arrays.copyOf(heap, (int) Math.min(capacity, 2L * size));
        }
        int child = size++;
        while (child > 0) {
            final int parent = (child - 1) >>> 1;
            if (!before(row, heap[parent])) {
                break;
            }
            heap[child] = heap[parent];
            child = parent;
        }
        heap[child] = row;
    }

    int poll() {
        final int top = heap[0];
        final int last = heap[--size];
        int parent = 0;
        while (true) {
            int child = 2 * parent + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], last)) {
                break;
            }
            heap[parent] = heap[child];
            parent = child;
        }
        heap[parent] = last;
        return top;
    }

    /** Makes room for {@code entries} entries now (at most the capacity). */
    void reserve(final int entries) {
        final int room = Math.min(capacity, entries);
        if (room > heap.length) {
            heap = java.util.Arrays.copyOf(heap, room);
        }
    }

    /** Entries the queue has room for now. */
    int room() {
        return heap.length;
    }

    /** Bytes held now. */
    long bytes() {
        return heap.length * (long) Integer.BYTES;
    }

    private boolean before(final int a, final int b) {
        final long ea = expiresAt(a);
        final long eb = expiresAt(b);
        return ea < eb || ea == eb && a < b;
    }
}
