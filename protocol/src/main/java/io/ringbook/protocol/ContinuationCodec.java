package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A Continuation trailer: follows the rows of a query reply whose scan stopped at the ledger's scan budget before
 * the filter's limit, and holds the timestamp to ask again from ({@code timestamp_min}, or {@code timestamp_max} when
 * the filter is reversed). A reply without it reached the end of the range. See {@link OperationCode#isQuery}.
 *
 * <p>A flyweight over a little-endian {@link ByteBuf}, laid out as {@code docs/PROTOCOL.md} draws it under
 * "Continuation": {@link #wrap} it at a record (or {@link #append} a zeroed one), then read or write the
 * fields by name. It copies nothing and moves no index; the field offsets are known here only. One instance serves
 * any number of records, used by one thread at a time.
 *
 * <pre>
 *      0  continuation         u64
 *      8
 * </pre>
 */
public final class ContinuationCodec extends Flyweight {
    /** Bytes of one record. */
    public static final int BYTES = 8;

    private static final int CONTINUATION = 0;

    /** Points this flyweight at the record starting at {@code index} of {@code buffer}. */
    public ContinuationCodec wrap(final ByteBuf buffer, final int index) {
        wrapAt(buffer, index);
        return this;
    }

    /** Appends a zeroed record at the writer index of {@code out} (reserved bytes stay zero) and points at it. */
    public ContinuationCodec append(final ByteBuf out) {
        appendZeroed(out, BYTES);
        return this;
    }

    /** The {@code continuation} field, u64 at offset 0. */
    public long continuation() {
        return buffer.getLongLE(offset + CONTINUATION);
    }

    /** Writes the {@code continuation} field; answers this flyweight, for chaining. */
    public ContinuationCodec continuation(final long value) {
        buffer.setLongLE(offset + CONTINUATION, value);
        return this;
    }
}
