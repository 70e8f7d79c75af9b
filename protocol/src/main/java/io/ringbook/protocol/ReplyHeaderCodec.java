package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;

/**
 * The header of a reply frame, after the length field: the request's operation and id, an {@link ErrorCode} (0 =
 * ok) and how many reply records follow.
 *
 * <p>A flyweight over a little-endian {@link ByteBuf}, laid out as {@code docs/PROTOCOL.md} draws it under
 * "Reply header": {@link #wrap} it at a record (or {@link #appendFrame} a new one), then read or write the
 * fields by name. It copies nothing and moves no index; the field offsets are known here only. One instance serves
 * any number of records, used by one thread at a time.
 *
 * <pre>
 *      0  version              u8
 *      1  operation            u8
 *      2  error                u16
 *      4  count                u32
 *      8  request_id           u64
 *     16
 * </pre>
 */
public final class ReplyHeaderCodec extends Flyweight {
    /** Bytes of one record. */
    public static final int BYTES = 16;

    private static final int VERSION = 0;
    private static final int OPERATION = 1;
    private static final int ERROR = 2;
    private static final int COUNT = 4;
    private static final int REQUEST_ID = 8;

    /** Points this flyweight at the record starting at {@code index} of {@code buffer}. */
    public ReplyHeaderCodec wrap(final ByteBuf buffer, final int index) {
        wrapAt(buffer, index);
        return this;
    }

    /** The {@code version} field, u8 at offset 0 (0..255). */
    public int version() {
        return buffer.getUnsignedByte(offset + VERSION);
    }

    /** Writes the {@code version} field; answers this flyweight, for chaining. */
    public ReplyHeaderCodec version(final int value) {
        buffer.setByte(offset + VERSION, value);
        return this;
    }

    /** The {@code operation} field, u8 at offset 1 (0..255). */
    public int operation() {
        return buffer.getUnsignedByte(offset + OPERATION);
    }

    /** Writes the {@code operation} field; answers this flyweight, for chaining. */
    public ReplyHeaderCodec operation(final int value) {
        buffer.setByte(offset + OPERATION, value);
        return this;
    }

    /** The {@code error} field, u16 at offset 2 (0..65535). */
    public int error() {
        return buffer.getUnsignedShortLE(offset + ERROR);
    }

    /** Writes the {@code error} field; answers this flyweight, for chaining. */
    public ReplyHeaderCodec error(final int value) {
        buffer.setShortLE(offset + ERROR, value);
        return this;
    }

    /** The {@code count} field, u32 at offset 4 (0..2^32-1). */
    public long count() {
        return buffer.getUnsignedIntLE(offset + COUNT);
    }

    /** Writes the {@code count} field; answers this flyweight, for chaining. */
    public ReplyHeaderCodec count(final int value) {
        buffer.setIntLE(offset + COUNT, value);
        return this;
    }

    /** The {@code request_id} field, u64 at offset 8. */
    public long requestId() {
        return buffer.getLongLE(offset + REQUEST_ID);
    }

    /** Writes the {@code request_id} field; answers this flyweight, for chaining. */
    public ReplyHeaderCodec requestId(final long value) {
        buffer.setLongLE(offset + REQUEST_ID, value);
        return this;
    }

    /**
     * Appends a frame's length field (this header plus {@code bodyBytes}) and a zeroed header with the protocol's
     * version at the writer index of {@code out}, and points at the header; the body's {@code bodyBytes} follow.
     */
    public ReplyHeaderCodec appendFrame(final ByteBuf out, final int bodyBytes) {
        out.writeIntLE(BYTES + bodyBytes);
        appendZeroed(out, BYTES);
        return version(Frame.VERSION);
    }
}
