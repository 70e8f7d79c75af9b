package io.ringbook.engine.command;

/**
 * A request's slots outside the ring: a fixed set of pre-allocated {@link Command}s, of which the first
 * {@link #size()} form the request. For driving the ledger directly (tests, tools, the ledger-only benchmarks).
 */
public final class CommandArray implements CommandRequest {
    private final Command[] slots;
    private int size;

    public CommandArray(final int capacity) {
        slots = new Command[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new Command();
        }
    }

    /** Most commands a request in this array can hold. */
    public int capacity() {
        return slots.length;
    }

    /** Makes the first {@code newSize} slots the request. */
    public void size(final int newSize) {
        if (newSize < 0 || newSize > slots.length) {
            throw new IllegalArgumentException("size must be in 0.." + slots.length + ": " + newSize);
        }
        size = newSize;
    }

    @Override
    public int size() {
        return size;
    }

    /** Slot {@code index} of the array (also beyond the current size, for filling the next request). */
    @Override
    public Command get(final int index) {
        return slots[index];
    }
}
