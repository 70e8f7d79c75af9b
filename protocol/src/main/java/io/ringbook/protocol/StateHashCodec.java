package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A StateHash record: the one row of {@code state_hash}.
 *
 * <p>A flyweight over a little-endian {@link ByteBuf}, laid out as {@code docs/PROTOCOL.md} draws it under
 * "StateHash": {@link #wrap} it at a record (or {@link #append} a zeroed one), then read or write the
 * fields by name. It copies nothing and moves no index; the field offsets are known here only. One instance serves
 * any number of records, used by one thread at a time.
 *
 * <pre>
 *      0  state_hash           u64
 *      8
 * </pre>
 */
public final class StateHashCodec extends Flyweight {
    /** Bytes of one record. */
    public static final int BYTES = 8;

    private static final int STATE_HASH = 0;

    /** Points this flyweight at the record starting at {@code index} of {@code buffer}. */
    public StateHashCodec wrap(final ByteBuf buffer, final int index) {
        wrapAt(buffer, index);
        return this;
    }

    /** Appends a zeroed record at the writer index of {@code out} (reserved bytes stay zero) and points at it. */
    public StateHashCodec append(final ByteBuf out) {
        appendZeroed(out, BYTES);
        return this;
    }

    /** The {@code state_hash} field, u64 at offset 0. */
    public long stateHash() {
        return buffer.getLongLE(offset + STATE_HASH);
    }

    /** Writes the {@code state_hash} field; answers this flyweight, for chaining. */
    public StateHashCodec stateHash(final long value) {
        buffer.setLongLE(offset + STATE_HASH, value);
        return this;
    }
}
