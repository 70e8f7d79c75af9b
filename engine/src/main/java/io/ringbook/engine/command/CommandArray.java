package io.ringbook.engine.command;

/**
 * A request's commands outside the ring: a fixed set of pre-allocated {@link Command}s, of which the first
 * {@link #size()} form the request. For driving the ledger directly (tests, tools, the ledger-only benchmarks).
 */
public final class CommandArray implements CommandRequest {
    private final Command[] commands;
    private int size;

    public CommandArray(final int capacity) {
        commands = new Command[capacity];
        for (int i = 0; i < capacity; i++) {
            commands[i] = new Command();
        }
    }

    /** Most commands a request in this array can hold. */
    public int capacity() {
        return commands.length;
    }

    /** Makes the first {@code newSize} commands the request. */
    public void size(final int newSize) {
        if (newSize < 0 || newSize > commands.length) {
            throw new IllegalArgumentException("size must be in 0.." + commands.length + ": " + newSize);
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
        return commands[index];
    }
}
