package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;
import io.ringbook.model.CreateResult;

/**
 * A CreateResult record: the answer to one event of a create request, in the event's position.
 *
 * <p>A flyweight over a little-endian {@link ByteBuf}, laid out as {@code docs/PROTOCOL.md} draws it under
 * "CreateResult": {@link #wrap} it at a record (or {@link #append} a zeroed one), then read or write the
 * fields by name. It copies nothing and moves no index; the field offsets are known here only. One instance serves
 * any number of records, used by one thread at a time.
 *
 * <pre>
 *      0  status               u32
 *      4  reserved             u32
 *      8  timestamp            u64
 *     16
 * </pre>
 */
public final class CreateResultCodec extends Flyweight {
    /** Bytes of one record. */
    public static final int BYTES = 16;

    private static final int STATUS = 0;
    private static final int TIMESTAMP = 8;

    /** Points this flyweight at the record starting at {@code index} of {@code buffer}. */
    public CreateResultCodec wrap(final ByteBuf buffer, final int index) {
        wrapAt(buffer, index);
        return this;
    }

    /** Appends a zeroed record at the writer index of {@code out} (reserved bytes stay zero) and points at it. */
    public CreateResultCodec append(final ByteBuf out) {
        appendZeroed(out, BYTES);
        return this;
    }

    /** The {@code status} field, u32 at offset 0 (the u32's bits in an int). */
    public int status() {
        return buffer.getIntLE(offset + STATUS);
    }

    /** Writes the {@code status} field; answers this flyweight, for chaining. */
    public CreateResultCodec status(final int value) {
        buffer.setIntLE(offset + STATUS, value);
        return this;
    }

    /** The {@code timestamp} field, u64 at offset 8. */
    public long timestamp() {
        return buffer.getLongLE(offset + TIMESTAMP);
    }

    /** Writes the {@code timestamp} field; answers this flyweight, for chaining. */
    public CreateResultCodec timestamp(final long value) {
        buffer.setLongLE(offset + TIMESTAMP, value);
        return this;
    }

    /**
     * Reads the record as a new {@link CreateResult}; the wire record holds only status and timestamp, so the caller
     * supplies the event's index (in the caller's list) and id.
     */
    public CreateResult toCreateResult(final int eventIndex, final long id) {
        return new CreateResult(eventIndex, id, status(), timestamp());
    }
}
