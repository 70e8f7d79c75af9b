package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A LedgerTotalsRequest record: the one request record of {@code get_ledger_totals}.
 *
 * <p>A flyweight over a little-endian {@link ByteBuf}, laid out as {@code docs/PROTOCOL.md} draws it under
 * "LedgerTotalsRequest": {@link #wrap} it at a record (or {@link #append} a zeroed one), then read or write the
 * fields by name. It copies nothing and moves no index; the field offsets are known here only. One instance serves
 * any number of records, used by one thread at a time.
 *
 * <pre>
 *      0  ledger               u32
 *      4  reserved             u32
 *      8
 * </pre>
 */
public final class LedgerTotalsRequestCodec extends Flyweight {
    /** Bytes of one record. */
    public static final int BYTES = 8;

    private static final int LEDGER = 0;

    /** Points this flyweight at the record starting at {@code index} of {@code buffer}. */
    public LedgerTotalsRequestCodec wrap(final ByteBuf buffer, final int index) {
        wrapAt(buffer, index);
        return this;
    }

    /** Appends a zeroed record at the writer index of {@code out} (reserved bytes stay zero) and points at it. */
    public LedgerTotalsRequestCodec append(final ByteBuf out) {
        appendZeroed(out, BYTES);
        return this;
    }

    /** The {@code ledger} field, u32 at offset 0 (the u32's bits in an int). */
    public int ledger() {
        return buffer.getIntLE(offset + LEDGER);
    }

    /** Writes the {@code ledger} field; answers this flyweight, for chaining. */
    public LedgerTotalsRequestCodec ledger(final int value) {
        buffer.setIntLE(offset + LEDGER, value);
        return this;
    }
}
