package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;
import io.ringbook.model.Transfer;

/**
 * A Transfer record: the events of {@code create_transfers} and the rows of transfer lookups and queries
 * ({@code reversed_amount} is meaningful in replies only).
 *
 * <p>A flyweight over a little-endian {@link ByteBuf}, laid out as {@code docs/PROTOCOL.md} draws it under
 * "Transfer": {@link #wrap} it at a record (or {@link #append} a zeroed one), then read or write the
 * fields by name. It copies nothing and moves no index; the field offsets are known here only. One instance serves
 * any number of records, used by one thread at a time.
 *
 * <pre>
 *      0  id                   u64
 *      8  debit_account_id     u64
 *     16  credit_account_id    u64
 *     24  amount               u64
 *     32  pending_id           u64
 *     40  reverses_id          u64
 *     48  user_data_128_lo     u64
 *     56  user_data_128_hi     u64
 *     64  user_data_64         u64
 *     72  user_data_32         u32
 *     76  timeout              u32
 *     80  ledger               u32
 *     84  code                 u16
 *     86  flags                u16
 *     88  timestamp            u64
 *     96  reversed_amount      u64
 *    104  reserved             u64
 *    112
 * </pre>
 */
public final class TransferCodec extends Flyweight {
    /** Bytes of one record. */
    public static final int BYTES = 112;

    private static final int ID = 0;
    private static final int DEBIT_ACCOUNT_ID = 8;
    private static final int CREDIT_ACCOUNT_ID = 16;
    private static final int AMOUNT = 24;
    private static final int PENDING_ID = 32;
    private static final int REVERSES_ID = 40;
    private static final int USER_DATA_128_LO = 48;
    private static final int USER_DATA_128_HI = 56;
    private static final int USER_DATA_64 = 64;
    private static final int USER_DATA_32 = 72;
    private static final int TIMEOUT = 76;
    private static final int LEDGER = 80;
    private static final int CODE = 84;
    private static final int FLAGS = 86;
    private static final int TIMESTAMP = 88;
    private static final int REVERSED_AMOUNT = 96;

    /** Points this flyweight at the record starting at {@code index} of {@code buffer}. */
    public TransferCodec wrap(final ByteBuf buffer, final int index) {
        wrapAt(buffer, index);
        return this;
    }

    /** Appends a zeroed record at the writer index of {@code out} (reserved bytes stay zero) and points at it. */
    public TransferCodec append(final ByteBuf out) {
        appendZeroed(out, BYTES);
        return this;
    }

    /** The {@code id} field, u64 at offset 0. */
    public long id() {
        return buffer.getLongLE(offset + ID);
    }

    /** Writes the {@code id} field; answers this flyweight, for chaining. */
    public TransferCodec id(final long value) {
        buffer.setLongLE(offset + ID, value);
        return this;
    }

    /** The {@code debit_account_id} field, u64 at offset 8. */
    public long debitAccountId() {
        return buffer.getLongLE(offset + DEBIT_ACCOUNT_ID);
    }

    /** Writes the {@code debit_account_id} field; answers this flyweight, for chaining. */
    public TransferCodec debitAccountId(final long value) {
        buffer.setLongLE(offset + DEBIT_ACCOUNT_ID, value);
        return this;
    }

    /** The {@code credit_account_id} field, u64 at offset 16. */
    public long creditAccountId() {
        return buffer.getLongLE(offset + CREDIT_ACCOUNT_ID);
    }

    /** Writes the {@code credit_account_id} field; answers this flyweight, for chaining. */
    public TransferCodec creditAccountId(final long value) {
        buffer.setLongLE(offset + CREDIT_ACCOUNT_ID, value);
        return this;
    }

    /** The {@code amount} field, u64 at offset 24. */
    public long amount() {
        return buffer.getLongLE(offset + AMOUNT);
    }

    /** Writes the {@code amount} field; answers this flyweight, for chaining. */
    public TransferCodec amount(final long value) {
        buffer.setLongLE(offset + AMOUNT, value);
        return this;
    }

    /** The {@code pending_id} field, u64 at offset 32. */
    public long pendingId() {
        return buffer.getLongLE(offset + PENDING_ID);
    }

    /** Writes the {@code pending_id} field; answers this flyweight, for chaining. */
    public TransferCodec pendingId(final long value) {
        buffer.setLongLE(offset + PENDING_ID, value);
        return this;
    }

    /** The {@code reverses_id} field, u64 at offset 40. */
    public long reversesId() {
        return buffer.getLongLE(offset + REVERSES_ID);
    }

    /** Writes the {@code reverses_id} field; answers this flyweight, for chaining. */
    public TransferCodec reversesId(final long value) {
        buffer.setLongLE(offset + REVERSES_ID, value);
        return this;
    }

    /** The {@code user_data_128_lo} field, u64 at offset 48. */
    public long userData128Lo() {
        return buffer.getLongLE(offset + USER_DATA_128_LO);
    }

    /** Writes the {@code user_data_128_lo} field; answers this flyweight, for chaining. */
    public TransferCodec userData128Lo(final long value) {
        buffer.setLongLE(offset + USER_DATA_128_LO, value);
        return this;
    }

    /** The {@code user_data_128_hi} field, u64 at offset 56. */
    public long userData128Hi() {
        return buffer.getLongLE(offset + USER_DATA_128_HI);
    }

    /** Writes the {@code user_data_128_hi} field; answers this flyweight, for chaining. */
    public TransferCodec userData128Hi(final long value) {
        buffer.setLongLE(offset + USER_DATA_128_HI, value);
        return this;
    }

    /** The {@code user_data_64} field, u64 at offset 64. */
    public long userData64() {
        return buffer.getLongLE(offset + USER_DATA_64);
    }

    /** Writes the {@code user_data_64} field; answers this flyweight, for chaining. */
    public TransferCodec userData64(final long value) {
        buffer.setLongLE(offset + USER_DATA_64, value);
        return this;
    }

    /** The {@code user_data_32} field, u32 at offset 72 (the u32's bits in an int). */
    public int userData32() {
        return buffer.getIntLE(offset + USER_DATA_32);
    }

    /** Writes the {@code user_data_32} field; answers this flyweight, for chaining. */
    public TransferCodec userData32(final int value) {
        buffer.setIntLE(offset + USER_DATA_32, value);
        return this;
    }

    /** The {@code timeout} field, u32 at offset 76 (the u32's bits in an int). */
    public int timeout() {
        return buffer.getIntLE(offset + TIMEOUT);
    }

    /** Writes the {@code timeout} field; answers this flyweight, for chaining. */
    public TransferCodec timeout(final int value) {
        buffer.setIntLE(offset + TIMEOUT, value);
        return this;
    }

    /** The {@code ledger} field, u32 at offset 80 (the u32's bits in an int). */
    public int ledger() {
        return buffer.getIntLE(offset + LEDGER);
    }

    /** Writes the {@code ledger} field; answers this flyweight, for chaining. */
    public TransferCodec ledger(final int value) {
        buffer.setIntLE(offset + LEDGER, value);
        return this;
    }

    /** The {@code code} field, u16 at offset 84 (0..65535). */
    public int code() {
        return buffer.getUnsignedShortLE(offset + CODE);
    }

    /** Writes the {@code code} field; answers this flyweight, for chaining. */
    public TransferCodec code(final int value) {
        buffer.setShortLE(offset + CODE, value);
        return this;
    }

    /** The {@code flags} field, u16 at offset 86 (0..65535). */
    public int flags() {
        return buffer.getUnsignedShortLE(offset + FLAGS);
    }

    /** Writes the {@code flags} field; answers this flyweight, for chaining. */
    public TransferCodec flags(final int value) {
        buffer.setShortLE(offset + FLAGS, value);
        return this;
    }

    /** The {@code timestamp} field, u64 at offset 88. */
    public long timestamp() {
        return buffer.getLongLE(offset + TIMESTAMP);
    }

    /** Writes the {@code timestamp} field; answers this flyweight, for chaining. */
    public TransferCodec timestamp(final long value) {
        buffer.setLongLE(offset + TIMESTAMP, value);
        return this;
    }

    /** The {@code reversed_amount} field, u64 at offset 96. */
    public long reversedAmount() {
        return buffer.getLongLE(offset + REVERSED_AMOUNT);
    }

    /** Writes the {@code reversed_amount} field; answers this flyweight, for chaining. */
    public TransferCodec reversedAmount(final long value) {
        buffer.setLongLE(offset + REVERSED_AMOUNT, value);
        return this;
    }

    /**
     * Writes every field of {@code transfer}, {@code reversed_amount} as the record holds it: zero for a transfer built
     * to be created (servers ignore it on input), the reversed amount in a server's answer.
     */
    public TransferCodec set(final Transfer transfer) {
        return id(transfer.id())
            .debitAccountId(transfer.debitAccountId())
            .creditAccountId(transfer.creditAccountId())
            .amount(transfer.amount())
            .pendingId(transfer.pendingId())
            .reversesId(transfer.reversesId())
            .userData128Lo(transfer.userData128Lo())
            .userData128Hi(transfer.userData128Hi())
            .userData64(transfer.userData64())
            .userData32(transfer.userData32())
            .timeout(transfer.timeout())
            .ledger(transfer.ledger())
            .code(transfer.code())
            .flags(transfer.flags())
            .timestamp(transfer.timestamp())
            .reversedAmount(transfer.reversedAmount());
    }

    /** Reads the record as a new {@link Transfer}, including {@code reversed_amount}. */
    public Transfer toTransfer() {
        return new Transfer(id(), debitAccountId(), creditAccountId(), amount(), pendingId(), reversesId(),
            userData128Hi(), userData128Lo(), userData64(), userData32(), timeout(), ledger(), code(), flags(),
            timestamp(), reversedAmount());
    }
}
