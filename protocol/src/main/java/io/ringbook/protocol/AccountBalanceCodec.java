package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;
import io.ringbook.model.AccountBalance;

/**
 * An AccountBalance record: one row of {@code get_account_balances}.
 *
 * <p>A flyweight over a little-endian {@link ByteBuf}, laid out as {@code docs/PROTOCOL.md} draws it under
 * "AccountBalance": {@link #wrap} it at a record (or {@link #append} a zeroed one), then read or write the
 * fields by name. It copies nothing and moves no index; the field offsets are known here only. One instance serves
 * any number of records, used by one thread at a time.
 *
 * <pre>
 *      0  timestamp            u64
 *      8  debits_pending       u64
 *     16  debits_posted        u64
 *     24  credits_pending      u64
 *     32  credits_posted       u64
 *     40  reserved             u64
 *     48
 * </pre>
 */
public final class AccountBalanceCodec extends Flyweight {
    /** Bytes of one record. */
    public static final int BYTES = 48;

    private static final int TIMESTAMP = 0;
    private static final int DEBITS_PENDING = 8;
    private static final int DEBITS_POSTED = 16;
    private static final int CREDITS_PENDING = 24;
    private static final int CREDITS_POSTED = 32;

    /** Points this flyweight at the record starting at {@code index} of {@code buffer}. */
    public AccountBalanceCodec wrap(final ByteBuf buffer, final int index) {
        wrapAt(buffer, index);
        return this;
    }

    /** Appends a zeroed record at the writer index of {@code out} (reserved bytes stay zero) and points at it. */
    public AccountBalanceCodec append(final ByteBuf out) {
        appendZeroed(out, BYTES);
        return this;
    }

    /** The {@code timestamp} field, u64 at offset 0. */
    public long timestamp() {
        return buffer.getLongLE(offset + TIMESTAMP);
    }

    /** Writes the {@code timestamp} field; answers this flyweight, for chaining. */
    public AccountBalanceCodec timestamp(final long value) {
        buffer.setLongLE(offset + TIMESTAMP, value);
        return this;
    }

    /** The {@code debits_pending} field, u64 at offset 8. */
    public long debitsPending() {
        return buffer.getLongLE(offset + DEBITS_PENDING);
    }

    /** Writes the {@code debits_pending} field; answers this flyweight, for chaining. */
    public AccountBalanceCodec debitsPending(final long value) {
        buffer.setLongLE(offset + DEBITS_PENDING, value);
        return this;
    }

    /** The {@code debits_posted} field, u64 at offset 16. */
    public long debitsPosted() {
        return buffer.getLongLE(offset + DEBITS_POSTED);
    }

    /** Writes the {@code debits_posted} field; answers this flyweight, for chaining. */
    public AccountBalanceCodec debitsPosted(final long value) {
        buffer.setLongLE(offset + DEBITS_POSTED, value);
        return this;
    }

    /** The {@code credits_pending} field, u64 at offset 24. */
    public long creditsPending() {
        return buffer.getLongLE(offset + CREDITS_PENDING);
    }

    /** Writes the {@code credits_pending} field; answers this flyweight, for chaining. */
    public AccountBalanceCodec creditsPending(final long value) {
        buffer.setLongLE(offset + CREDITS_PENDING, value);
        return this;
    }

    /** The {@code credits_posted} field, u64 at offset 32. */
    public long creditsPosted() {
        return buffer.getLongLE(offset + CREDITS_POSTED);
    }

    /** Writes the {@code credits_posted} field; answers this flyweight, for chaining. */
    public AccountBalanceCodec creditsPosted(final long value) {
        buffer.setLongLE(offset + CREDITS_POSTED, value);
        return this;
    }

    /** Writes every field of {@code balance}. */
    public AccountBalanceCodec set(final AccountBalance balance) {
        return timestamp(balance.timestamp())
            .debitsPending(balance.debitsPending())
            .debitsPosted(balance.debitsPosted())
            .creditsPending(balance.creditsPending())
            .creditsPosted(balance.creditsPosted());
    }

    /** Reads the record as a new {@link AccountBalance}. */
    public AccountBalance toAccountBalance() {
        return new AccountBalance(timestamp(), debitsPending(), debitsPosted(), creditsPending(), creditsPosted());
    }
}
