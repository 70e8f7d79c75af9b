package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;
import io.ringbook.model.QueryFilter;

/**
 * A QueryFilter record: the one request record of {@code query_accounts} and {@code query_transfers}.
 *
 * <p>A flyweight over a little-endian {@link ByteBuf}, laid out as {@code docs/PROTOCOL.md} draws it under
 * "QueryFilter": {@link #wrap} it at a record (or {@link #append} a zeroed one), then read or write the
 * fields by name. It copies nothing and moves no index; the field offsets are known here only. One instance serves
 * any number of records, used by one thread at a time.
 *
 * <pre>
 *      0  user_data_128_lo     u64
 *      8  user_data_128_hi     u64
 *     16  user_data_64         u64
 *     24  user_data_32         u32
 *     28  ledger               u32
 *     32  code                 u16
 *     34  reserved             u16
 *     36  reserved             u32
 *     40  timestamp_min        u64
 *     48  timestamp_max        u64
 *     56  limit                u32
 *     60  flags                u32
 *     64
 * </pre>
 */
public final class QueryFilterCodec extends Flyweight {
    /** Bytes of one record. */
    public static final int BYTES = 64;

    private static final int USER_DATA_128_LO = 0;
    private static final int USER_DATA_128_HI = 8;
    private static final int USER_DATA_64 = 16;
    private static final int USER_DATA_32 = 24;
    private static final int LEDGER = 28;
    private static final int CODE = 32;
    private static final int TIMESTAMP_MIN = 40;
    private static final int TIMESTAMP_MAX = 48;
    private static final int LIMIT = 56;
    private static final int FLAGS = 60;

    /** Points this flyweight at the record starting at {@code index} of {@code buffer}. */
    public QueryFilterCodec wrap(final ByteBuf buffer, final int index) {
        wrapAt(buffer, index);
        return this;
    }

    /** Appends a zeroed record at the writer index of {@code out} (reserved bytes stay zero) and points at it. */
    public QueryFilterCodec append(final ByteBuf out) {
        appendZeroed(out, BYTES);
        return this;
    }

    /** The {@code user_data_128_lo} field, u64 at offset 0. */
    public long userData128Lo() {
        return buffer.getLongLE(offset + USER_DATA_128_LO);
    }

    /** Writes the {@code user_data_128_lo} field; answers this flyweight, for chaining. */
    public QueryFilterCodec userData128Lo(final long value) {
        buffer.setLongLE(offset + USER_DATA_128_LO, value);
        return this;
    }

    /** The {@code user_data_128_hi} field, u64 at offset 8. */
    public long userData128Hi() {
        return buffer.getLongLE(offset + USER_DATA_128_HI);
    }

    /** Writes the {@code user_data_128_hi} field; answers this flyweight, for chaining. */
    public QueryFilterCodec userData128Hi(final long value) {
        buffer.setLongLE(offset + USER_DATA_128_HI, value);
        return this;
    }

    /** The {@code user_data_64} field, u64 at offset 16. */
    public long userData64() {
        return buffer.getLongLE(offset + USER_DATA_64);
    }

    /** Writes the {@code user_data_64} field; answers this flyweight, for chaining. */
    public QueryFilterCodec userData64(final long value) {
        buffer.setLongLE(offset + USER_DATA_64, value);
        return this;
    }

    /** The {@code user_data_32} field, u32 at offset 24 (the u32's bits in an int). */
    public int userData32() {
        return buffer.getIntLE(offset + USER_DATA_32);
    }

    /** Writes the {@code user_data_32} field; answers this flyweight, for chaining. */
    public QueryFilterCodec userData32(final int value) {
        buffer.setIntLE(offset + USER_DATA_32, value);
        return this;
    }

    /** The {@code ledger} field, u32 at offset 28 (the u32's bits in an int). */
    public int ledger() {
        return buffer.getIntLE(offset + LEDGER);
    }

    /** Writes the {@code ledger} field; answers this flyweight, for chaining. */
    public QueryFilterCodec ledger(final int value) {
        buffer.setIntLE(offset + LEDGER, value);
        return this;
    }

    /** The {@code code} field, u16 at offset 32 (0..65535). */
    public int code() {
        return buffer.getUnsignedShortLE(offset + CODE);
    }

    /** Writes the {@code code} field; answers this flyweight, for chaining. */
    public QueryFilterCodec code(final int value) {
        buffer.setShortLE(offset + CODE, value);
        return this;
    }

    /** The {@code timestamp_min} field, u64 at offset 40. */
    public long timestampMin() {
        return buffer.getLongLE(offset + TIMESTAMP_MIN);
    }

    /** Writes the {@code timestamp_min} field; answers this flyweight, for chaining. */
    public QueryFilterCodec timestampMin(final long value) {
        buffer.setLongLE(offset + TIMESTAMP_MIN, value);
        return this;
    }

    /** The {@code timestamp_max} field, u64 at offset 48. */
    public long timestampMax() {
        return buffer.getLongLE(offset + TIMESTAMP_MAX);
    }

    /** Writes the {@code timestamp_max} field; answers this flyweight, for chaining. */
    public QueryFilterCodec timestampMax(final long value) {
        buffer.setLongLE(offset + TIMESTAMP_MAX, value);
        return this;
    }

    /** The {@code limit} field, u32 at offset 56 (the u32's bits in an int). */
    public int limit() {
        return buffer.getIntLE(offset + LIMIT);
    }

    /** Writes the {@code limit} field; answers this flyweight, for chaining. */
    public QueryFilterCodec limit(final int value) {
        buffer.setIntLE(offset + LIMIT, value);
        return this;
    }

    /** The {@code flags} field, u32 at offset 60 (the u32's bits in an int). */
    public int flags() {
        return buffer.getIntLE(offset + FLAGS);
    }

    /** Writes the {@code flags} field; answers this flyweight, for chaining. */
    public QueryFilterCodec flags(final int value) {
        buffer.setIntLE(offset + FLAGS, value);
        return this;
    }

    /** Writes every field of {@code filter}. */
    public QueryFilterCodec set(final QueryFilter filter) {
        return userData128Lo(filter.userData128Lo())
            .userData128Hi(filter.userData128Hi())
            .userData64(filter.userData64())
            .userData32(filter.userData32())
            .ledger(filter.ledger())
            .code(filter.code())
            .timestampMin(filter.timestampMin())
            .timestampMax(filter.timestampMax())
            .limit(filter.limit())
            .flags(filter.flags());
    }

    /** Reads the record as a new {@link QueryFilter}. */
    public QueryFilter toQueryFilter() {
        return new QueryFilter(userData128Hi(), userData128Lo(), userData64(), userData32(), ledger(), code(),
            timestampMin(), timestampMax(), limit(), flags());
    }
}
