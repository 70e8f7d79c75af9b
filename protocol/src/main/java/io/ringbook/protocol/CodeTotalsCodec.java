package io.ringbook.protocol;

import io.netty.buffer.ByteBuf;
import io.ringbook.model.CodeTotals;

import java.math.BigInteger;

/**
 * A CodeTotals record: one row of {@code get_ledger_totals}, the four balance sums of one account code as unsigned
 * 128-bit values (low word, then high word).
 *
 * <p>A flyweight over a little-endian {@link ByteBuf}, laid out as {@code docs/PROTOCOL.md} draws it under
 * "CodeTotals": {@link #wrap} it at a record (or {@link #append} a zeroed one), then read or write the
 * fields by name. It copies nothing and moves no index; the field offsets are known here only. One instance serves
 * any number of records, used by one thread at a time.
 *
 * <pre>
 *      0  ledger               u32
 *      4  code                 u16
 *      6  reserved             u16
 *      8  accounts             u64
 *     16  debits_pending_lo    u64
 *     24  debits_pending_hi    u64
 *     32  debits_posted_lo     u64
 *     40  debits_posted_hi     u64
 *     48  credits_pending_lo   u64
 *     56  credits_pending_hi   u64
 *     64  credits_posted_lo    u64
 *     72  credits_posted_hi    u64
 *     80
 * </pre>
 */
public final class CodeTotalsCodec extends Flyweight {
    /** Bytes of one record. */
    public static final int BYTES = 80;

    private static final int LEDGER = 0;
    private static final int CODE = 4;
    private static final int ACCOUNTS = 8;
    private static final int DEBITS_PENDING_LO = 16;
    private static final int DEBITS_PENDING_HI = 24;
    private static final int DEBITS_POSTED_LO = 32;
    private static final int DEBITS_POSTED_HI = 40;
    private static final int CREDITS_PENDING_LO = 48;
    private static final int CREDITS_PENDING_HI = 56;
    private static final int CREDITS_POSTED_LO = 64;
    private static final int CREDITS_POSTED_HI = 72;

    /** Points this flyweight at the record starting at {@code index} of {@code buffer}. */
    public CodeTotalsCodec wrap(final ByteBuf buffer, final int index) {
        wrapAt(buffer, index);
        return this;
    }

    /** Appends a zeroed record at the writer index of {@code out} (reserved bytes stay zero) and points at it. */
    public CodeTotalsCodec append(final ByteBuf out) {
        appendZeroed(out, BYTES);
        return this;
    }

    /** The {@code ledger} field, u32 at offset 0 (the u32's bits in an int). */
    public int ledger() {
        return buffer.getIntLE(offset + LEDGER);
    }

    /** Writes the {@code ledger} field; answers this flyweight, for chaining. */
    public CodeTotalsCodec ledger(final int value) {
        buffer.setIntLE(offset + LEDGER, value);
        return this;
    }

    /** The {@code code} field, u16 at offset 4 (0..65535). */
    public int code() {
        return buffer.getUnsignedShortLE(offset + CODE);
    }

    /** Writes the {@code code} field; answers this flyweight, for chaining. */
    public CodeTotalsCodec code(final int value) {
        buffer.setShortLE(offset + CODE, value);
        return this;
    }

    /** The {@code accounts} field, u64 at offset 8. */
    public long accounts() {
        return buffer.getLongLE(offset + ACCOUNTS);
    }

    /** Writes the {@code accounts} field; answers this flyweight, for chaining. */
    public CodeTotalsCodec accounts(final long value) {
        buffer.setLongLE(offset + ACCOUNTS, value);
        return this;
    }

    /** The {@code debits_pending_lo} field, u64 at offset 16. */
    public long debitsPendingLo() {
        return buffer.getLongLE(offset + DEBITS_PENDING_LO);
    }

    /** Writes the {@code debits_pending_lo} field; answers this flyweight, for chaining. */
    public CodeTotalsCodec debitsPendingLo(final long value) {
        buffer.setLongLE(offset + DEBITS_PENDING_LO, value);
        return this;
    }

    /** The {@code debits_pending_hi} field, u64 at offset 24. */
    public long debitsPendingHi() {
        return buffer.getLongLE(offset + DEBITS_PENDING_HI);
    }

    /** Writes the {@code debits_pending_hi} field; answers this flyweight, for chaining. */
    public CodeTotalsCodec debitsPendingHi(final long value) {
        buffer.setLongLE(offset + DEBITS_PENDING_HI, value);
        return this;
    }

    /** The {@code debits_posted_lo} field, u64 at offset 32. */
    public long debitsPostedLo() {
        return buffer.getLongLE(offset + DEBITS_POSTED_LO);
    }

    /** Writes the {@code debits_posted_lo} field; answers this flyweight, for chaining. */
    public CodeTotalsCodec debitsPostedLo(final long value) {
        buffer.setLongLE(offset + DEBITS_POSTED_LO, value);
        return this;
    }

    /** The {@code debits_posted_hi} field, u64 at offset 40. */
    public long debitsPostedHi() {
        return buffer.getLongLE(offset + DEBITS_POSTED_HI);
    }

    /** Writes the {@code debits_posted_hi} field; answers this flyweight, for chaining. */
    public CodeTotalsCodec debitsPostedHi(final long value) {
        buffer.setLongLE(offset + DEBITS_POSTED_HI, value);
        return this;
    }

    /** The {@code credits_pending_lo} field, u64 at offset 48. */
    public long creditsPendingLo() {
        return buffer.getLongLE(offset + CREDITS_PENDING_LO);
    }

    /** Writes the {@code credits_pending_lo} field; answers this flyweight, for chaining. */
    public CodeTotalsCodec creditsPendingLo(final long value) {
        buffer.setLongLE(offset + CREDITS_PENDING_LO, value);
        return this;
    }

    /** The {@code credits_pending_hi} field, u64 at offset 56. */
    public long creditsPendingHi() {
        return buffer.getLongLE(offset + CREDITS_PENDING_HI);
    }

    /** Writes the {@code credits_pending_hi} field; answers this flyweight, for chaining. */
    public CodeTotalsCodec creditsPendingHi(final long value) {
        buffer.setLongLE(offset + CREDITS_PENDING_HI, value);
        return this;
    }

    /** The {@code credits_posted_lo} field, u64 at offset 64. */
    public long creditsPostedLo() {
        return buffer.getLongLE(offset + CREDITS_POSTED_LO);
    }

    /** Writes the {@code credits_posted_lo} field; answers this flyweight, for chaining. */
    public CodeTotalsCodec creditsPostedLo(final long value) {
        buffer.setLongLE(offset + CREDITS_POSTED_LO, value);
        return this;
    }

    /** The {@code credits_posted_hi} field, u64 at offset 72. */
    public long creditsPostedHi() {
        return buffer.getLongLE(offset + CREDITS_POSTED_HI);
    }

    /** Writes the {@code credits_posted_hi} field; answers this flyweight, for chaining. */
    public CodeTotalsCodec creditsPostedHi(final long value) {
        buffer.setLongLE(offset + CREDITS_POSTED_HI, value);
        return this;
    }

    /**
     * Writes every field of {@code totals}.
     *
     * @throws IllegalArgumentException if a sum is negative or does not fit in 128 bits
     */
    public CodeTotalsCodec set(final CodeTotals totals) {
        final BigInteger debitsPending = checkU128("debitsPending", totals.debitsPending());
        final BigInteger debitsPosted = checkU128("debitsPosted", totals.debitsPosted());
        final BigInteger creditsPending = checkU128("creditsPending", totals.creditsPending());
        final BigInteger creditsPosted = checkU128("creditsPosted", totals.creditsPosted());
        return ledger(totals.ledger())
            .code(totals.code())
            .accounts(totals.accounts())
            .debitsPendingLo(debitsPending.longValue())
            .debitsPendingHi(debitsPending.shiftRight(Long.SIZE).longValue())
            .debitsPostedLo(debitsPosted.longValue())
            .debitsPostedHi(debitsPosted.shiftRight(Long.SIZE).longValue())
            .creditsPendingLo(creditsPending.longValue())
            .creditsPendingHi(creditsPending.shiftRight(Long.SIZE).longValue())
            .creditsPostedLo(creditsPosted.longValue())
            .creditsPostedHi(creditsPosted.shiftRight(Long.SIZE).longValue());
    }

    /** Reads the record as a new {@link CodeTotals}; the four sums are unsigned 128-bit values. */
    public CodeTotals toCodeTotals() {
        return new CodeTotals(ledger(), code(), accounts(), u128(debitsPendingHi(), debitsPendingLo()),
            u128(debitsPostedHi(), debitsPostedLo()), u128(creditsPendingHi(), creditsPendingLo()),
            u128(creditsPostedHi(), creditsPostedLo()));
    }

    private static BigInteger checkU128(final String name, final BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 2 * Long.SIZE) {
            throw new IllegalArgumentException(name + " must be an unsigned 128-bit value: " + value);
        }
        return value;
    }

    private static BigInteger u128(final long high, final long low) {
        if (high == 0 && low >= 0) {
            return BigInteger.valueOf(low);
        }
        final byte[] bigEndian = new byte[2 * Long.BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            bigEndian[i] = (byte) (high >>> (Long.SIZE - Byte.SIZE * (i + 1)));
            bigEndian[Long.BYTES + i] = (byte) (low >>> (Long.SIZE - Byte.SIZE * (i + 1)));
        }
        return new BigInteger(1, bigEndian);
    }
}
