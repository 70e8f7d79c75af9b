package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Where a record flyweight points: a buffer and the index of the record's first byte. The subclasses add the typed
 * field accessors; this class holds no layout.
 */
public abstract class Flyweight {
    /** The buffer the flyweight reads and writes; null until it is wrapped. */
    protected ByteBuf buffer;
    /** Index in {@link #buffer} of the record's first byte. */
    protected int offset;

    /** The buffer this flyweight points into. */
    public final ByteBuf buffer() {
        return buffer;
    }

    /** The index of the record's first byte in {@link #buffer()}. */
    public final int offset() {
        return offset;
    }

    /**
     * Points at the record starting at {@code index} of {@code target}. Moving along one buffer, record after record,
     * stores only the index: the reference store (and its GC write barrier) happens when the buffer changes.
     */
    protected final void wrapAt(final ByteBuf target, final int index) {
        if (buffer != target) {
            buffer = target;
        }
        offset = index;
    }

    /** Appends {@code size} zeroed bytes at the writer index of {@code out} and points at them. */
    protected final void appendZeroed(final ByteBuf out, final int size) {
        final int index = out.writerIndex();
        out.writeZero(size);
        wrapAt(out, index);
    }
}
