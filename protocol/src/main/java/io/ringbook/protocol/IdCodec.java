package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;

/**
 * An Id record: one id of a lookup request.
 *
 * <p>A flyweight over a little-endian {@link ByteBuf}, laid out as {@code docs/PROTOCOL.md} draws it under
 * "Id": {@link #wrap} it at a record (or {@link #append} a zeroed one), then read or write the
 * fields by name. It copies nothing and moves no index; the field offsets are known here only. One instance serves
 * any number of records, used by one thread at a time.
 *
 * <pre>
 *      0  id                   u64
 *      8
 * </pre>
 */
public final class IdCodec extends Flyweight {
    /** Bytes of one record. */
    public static final int BYTES = 8;

    private static final int ID = 0;

    /** Points this flyweight at the record starting at {@code index} of {@code buffer}. */
    public IdCodec wrap(final ByteBuf buffer, final int index) {
        wrapAt(buffer, index);
        return this;
    }

    /** Appends a zeroed record at the writer index of {@code out} (reserved bytes stay zero) and points at it. */
    public IdCodec append(final ByteBuf out) {
        appendZeroed(out, BYTES);
        return this;
    }

    /** The {@code id} field, u64 at offset 0. */
    public long id() {
        return buffer.getLongLE(offset + ID);
    }

    /** Writes the {@code id} field; answers this flyweight, for chaining. */
    public IdCodec id(final long value) {
        buffer.setLongLE(offset + ID, value);
        return this;
    }
}
