package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;
import io.ringbook.model.Account;

/**
 * An Account record: the events of {@code create_accounts} and the rows of account lookups and queries.
 *
 * <p>A flyweight over a little-endian {@link ByteBuf}, laid out as {@code docs/PROTOCOL.md} draws it under
 * "Account": {@link #wrap} it at a record (or {@link #append} a zeroed one), then read or write the
 * fields by name. It copies nothing and moves no index; the field offsets are known here only. One instance serves
 * any number of records, used by one thread at a time.
 *
 * <pre>
 *      0  id                   u64
 *      8  debits_pending       u64
 *     16  debits_posted        u64
 *     24  credits_pending      u64
 *     32  credits_posted       u64
 *     40  user_data_128_lo     u64
 *     48  user_data_128_hi     u64
 *     56  user_data_64         u64
 *     64  user_data_32         u32
 *     68  reserved             u32
 *     72  ledger               u32
 *     76  code                 u16
 *     78  flags                u16
 *     80  timestamp            u64
 *     88  reserved             u64
 *     96
 * </pre>
 */
public final class AccountCodec extends Flyweight {
    /** Bytes of one record. */
    public static final int BYTES = 96;

    private static final int ID = 0;
    private static final int DEBITS_PENDING = 8;
    private static final int DEBITS_POSTED = 16;
    private static final int CREDITS_PENDING = 24;
    private static final int CREDITS_POSTED = 32;
    private static final int USER_DATA_128_LO = 40;
    private static final int USER_DATA_128_HI = 48;
    private static final int USER_DATA_64 = 56;
    private static final int USER_DATA_32 = 64;
    private static final int LEDGER = 72;
    private static final int CODE = 76;
    private static final int FLAGS = 78;
    private static final int TIMESTAMP = 80;

    /** Points this flyweight at the record starting at {@code index} of {@code buffer}. */
    public AccountCodec wrap(final ByteBuf buffer, final int index) {
        wrapAt(buffer, index);
        return this;
    }

    /** Appends a zeroed record at the writer index of {@code out} (reserved bytes stay zero) and points at it. */
    public AccountCodec append(final ByteBuf out) {
        appendZeroed(out, BYTES);
        return this;
    }

    /** The {@code id} field, u64 at offset 0. */
    public long id() {
        return buffer.getLongLE(offset + ID);
    }

    /** Writes the {@code id} field; answers this flyweight, for chaining. */
    public AccountCodec id(final long value) {
        buffer.setLongLE(offset + ID, value);
        return this;
    }

    /** The {@code debits_pending} field, u64 at offset 8. */
    public long debitsPending() {
        return buffer.getLongLE(offset + DEBITS_PENDING);
    }

    /** Writes the {@code debits_pending} field; answers this flyweight, for chaining. */
    public AccountCodec debitsPending(final long value) {
        buffer.setLongLE(offset + DEBITS_PENDING, value);
        return this;
    }

    /** The {@code debits_posted} field, u64 at offset 16. */
    public long debitsPosted() {
        return buffer.getLongLE(offset + DEBITS_POSTED);
    }

    /** Writes the {@code debits_posted} field; answers this flyweight, for chaining. */
    public AccountCodec debitsPosted(final long value) {
        buffer.setLongLE(offset + DEBITS_POSTED, value);
        return this;
    }

    /** The {@code credits_pending} field, u64 at offset 24. */
    public long creditsPending() {
        return buffer.getLongLE(offset + CREDITS_PENDING);
    }

    /** Writes the {@code credits_pending} field; answers this flyweight, for chaining. */
    public AccountCodec creditsPending(final long value) {
        buffer.setLongLE(offset + CREDITS_PENDING, value);
        return this;
    }

    /** The {@code credits_posted} field, u64 at offset 32. */
    public long creditsPosted() {
        return buffer.getLongLE(offset + CREDITS_POSTED);
    }

    /** Writes the {@code credits_posted} field; answers this flyweight, for chaining. */
    public AccountCodec creditsPosted(final long value) {
        buffer.setLongLE(offset + CREDITS_POSTED, value);
        return this;
    }

    /** The {@code user_data_128_lo} field, u64 at offset 40. */
    public long userData128Lo() {
        return buffer.getLongLE(offset + USER_DATA_128_LO);
    }

    /** Writes the {@code user_data_128_lo} field; answers this flyweight, for chaining. */
    public AccountCodec userData128Lo(final long value) {
        buffer.setLongLE(offset + USER_DATA_128_LO, value);
        return this;
    }

    /** The {@code user_data_128_hi} field, u64 at offset 48. */
    public long userData128Hi() {
        return buffer.getLongLE(offset + USER_DATA_128_HI);
    }

    /** Writes the {@code user_data_128_hi} field; answers this flyweight, for chaining. */
    public AccountCodec userData128Hi(final long value) {
        buffer.setLongLE(offset + USER_DATA_128_HI, value);
        return this;
    }

    /** The {@code user_data_64} field, u64 at offset 56. */
    public long userData64() {
        return buffer.getLongLE(offset + USER_DATA_64);
    }

    /** Writes the {@code user_data_64} field; answers this flyweight, for chaining. */
    public AccountCodec userData64(final long value) {
        buffer.setLongLE(offset + USER_DATA_64, value);
        return this;
    }

    /** The {@code user_data_32} field, u32 at offset 64 (the u32's bits in an int). */
    public int userData32() {
        return buffer.getIntLE(offset + USER_DATA_32);
    }

    /** Writes the {@code user_data_32} field; answers this flyweight, for chaining. */
    public AccountCodec userData32(final int value) {
        buffer.setIntLE(offset + USER_DATA_32, value);
        return this;
    }

    /** The {@code ledger} field, u32 at offset 72 (the u32's bits in an int). */
    public int ledger() {
        return buffer.getIntLE(offset + LEDGER);
    }

    /** Writes the {@code ledger} field; answers this flyweight, for chaining. */
    public AccountCodec ledger(final int value) {
        buffer.setIntLE(offset + LEDGER, value);
        return this;
    }

    /** The {@code code} field, u16 at offset 76 (0..65535). */
    public int code() {
        return buffer.getUnsignedShortLE(offset + CODE);
    }

    /** Writes the {@code code} field; answers this flyweight, for chaining. */
    public AccountCodec code(final int value) {
        buffer.setShortLE(offset + CODE, value);
        return this;
    }

    /** The {@code flags} field, u16 at offset 78 (0..65535). */
    public int flags() {
        return buffer.getUnsignedShortLE(offset + FLAGS);
    }

    /** Writes the {@code flags} field; answers this flyweight, for chaining. */
    public AccountCodec flags(final int value) {
        buffer.setShortLE(offset + FLAGS, value);
        return this;
    }

    /** The {@code timestamp} field, u64 at offset 80. */
    public long timestamp() {
        return buffer.getLongLE(offset + TIMESTAMP);
    }

    /** Writes the {@code timestamp} field; answers this flyweight, for chaining. */
    public AccountCodec timestamp(final long value) {
        buffer.setLongLE(offset + TIMESTAMP, value);
        return this;
    }

    /** Writes every field of {@code account} (reserved bytes are left alone: zero after {@link #append}). */
    public AccountCodec set(final Account account) {
        return id(account.id())
            .debitsPending(account.debitsPending())
            .debitsPosted(account.debitsPosted())
            .creditsPending(account.creditsPending())
            .creditsPosted(account.creditsPosted())
            .userData128Lo(account.userData128Lo())
            .userData128Hi(account.userData128Hi())
            .userData64(account.userData64())
            .userData32(account.userData32())
            .ledger(account.ledger())
            .code(account.code())
            .flags(account.flags())
            .timestamp(account.timestamp());
    }

    /** Reads the record as a new {@link Account}. */
    public Account toAccount() {
        return new Account(id(), debitsPending(), debitsPosted(), creditsPending(), creditsPosted(), userData128Hi(),
            userData128Lo(), userData64(), userData32(), ledger(), code(), flags(), timestamp());
    }
}
