package io.ringbook.protocol;

import io.ringbook.model.Limits;

/**
 * The frame of the binary protocol, version {@value #VERSION} ({@code docs/PROTOCOL.md}): a length field, a 16-byte
 * header ({@link RequestHeaderCodec} or {@link ReplyHeaderCodec}), then {@code count} records of the operation.
 *
 * <pre>
 *   0               4                                20
 *   +---------------+--------------------------------+----------------------------+
 *   | length   u32  | header (16 bytes)              | body (length - 16 bytes)   |
 *   +---------------+--------------------------------+----------------------------+
 * </pre>
 *
 * <p>Indexes "in a frame" below count from the first header byte, as the server's frame decoder passes frames on
 * (length field stripped). The limits are derived, not repeated: the request limit is the model's
 * {@link Limits#REQUEST_SIZE_MAX}, and the largest request it allows must fit {@link #FRAME_MAX_BYTES}, which is
 * checked when this class loads.
 */
public final class Frame {
    /** The protocol version every header carries. */
    public static final int VERSION = 1;
    /** Bytes of the length prefix; the length counts the header and body after it. */
    public static final int LENGTH_FIELD_BYTES = Integer.BYTES;
    /** Bytes of a request or reply header. */
    public static final int HEADER_BYTES = RequestHeaderCodec.BYTES;
    /** Largest frame (after the length field) any server accepts; servers may be configured lower. */
    public static final int FRAME_MAX_BYTES = 1 << 20;
    /** Most events in one request, and most rows in one reply: the model's request limit. */
    public static final int REQUEST_SIZE_MAX = Limits.REQUEST_SIZE_MAX;
    /** The largest record of any operation, request or reply (a Transfer). */
    public static final int RECORD_BYTES_MAX = Math.max(
        Math.max(Math.max(AccountCodec.BYTES, TransferCodec.BYTES), Math.max(CodeTotalsCodec.BYTES,
            AccountBalanceCodec.BYTES)),
        Math.max(Math.max(AccountFilterCodec.BYTES, QueryFilterCodec.BYTES), Math.max(CreateResultCodec.BYTES,
            Math.max(IdCodec.BYTES, Math.max(LedgerTotalsRequestCodec.BYTES, StateHashCodec.BYTES)))));
    /** The largest request or reply the limits allow: a header and {@link #REQUEST_SIZE_MAX} of the largest record. */
    public static final long REQUEST_BYTES_MAX = HEADER_BYTES + (long) REQUEST_SIZE_MAX * RECORD_BYTES_MAX;

    static {
        if (ReplyHeaderCodec.BYTES != HEADER_BYTES) {
            throw new IllegalStateException("request and reply headers differ in size: " + HEADER_BYTES + " and "
                + ReplyHeaderCodec.BYTES);
        }
        if (REQUEST_BYTES_MAX > FRAME_MAX_BYTES) {
            throw new IllegalStateException("the largest request (" + REQUEST_BYTES_MAX + " bytes: " + HEADER_BYTES
                + " + " + REQUEST_SIZE_MAX + " x " + RECORD_BYTES_MAX + ") exceeds the frame limit " + FRAME_MAX_BYTES);
        }
    }

    private Frame() {
    }

    /** The index in a frame (after the length field) of record {@code index} of {@code recordBytes} bytes each. */
    public static int recordIndex(final int index, final int recordBytes) {
        return HEADER_BYTES + index * recordBytes;
    }
}
