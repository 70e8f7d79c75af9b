package io.ringbook.model;

/**
 * A transfer as submitted to {@code create_transfers} or returned by lookups and queries. {@code timeout} is an
 * unsigned 32-bit number of seconds, {@code ledger} unsigned 32-bit, {@code code} and {@code flags} unsigned 16-bit.
 * {@code reversedAmount} is output only: how much of this transfer has been reversed (pending reversals included);
 * it is ignored on input.
 */
public record Transfer(
    long id,
    long debitAccountId,
    long creditAccountId,
    long amount,
    long pendingId,
    long reversesId,
    long userData128Hi,
    long userData128Lo,
    long userData64,
    int userData32,
    int timeout,
    int ledger,
    int code,
    int flags,
    long timestamp,
    long reversedAmount) {

    /** The amount meaning "as much as possible" (balancing) or "the full pending amount" (post). */
    public static final long AMOUNT_MAX = Long.MAX_VALUE;

    public Transfer {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("code must be an unsigned 16-bit value: " + code);
        }
        if (flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("flags must be an unsigned 16-bit value: " + flags);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).debitAccountId(debitAccountId).creditAccountId(creditAccountId).amount(amount)
            .pendingId(pendingId).reversesId(reversesId).userData128(userData128Hi, userData128Lo)
            .userData64(userData64).userData32(userData32).timeout(timeout).ledger(ledger).code(code).flags(flags)
            .timestamp(timestamp);
    }

    public boolean hasFlag(final int flag) {
        return (flags & flag) != 0;
    }

    /** Mutable builder; unset fields are zero. */
    public static final class Builder {
        private long id;
        private long debitAccountId;
        private long creditAccountId;
        private long amount;
        private long pendingId;
        private long reversesId;
        private long userData128Hi;
        private long userData128Lo;
        private long userData64;
        private int userData32;
        private int timeout;
        private int ledger;
        private int code;
        private int flags;
        private long timestamp;

        public Builder id(final long value) {
            id = value;
            return this;
        }

        public Builder debitAccountId(final long value) {
            debitAccountId = value;
            return this;
        }

        public Builder creditAccountId(final long value) {
            creditAccountId = value;
            return this;
        }

        public Builder amount(final long value) {
            amount = value;
            return this;
        }

        public Builder pendingId(final long value) {
            pendingId = value;
            return this;
        }

        public Builder reversesId(final long value) {
            reversesId = value;
            return this;
        }

        public Builder userData128(final long hi, final long lo) {
            userData128Hi = hi;
            userData128Lo = lo;
            return this;
        }

        public Builder userData64(final long value) {
            userData64 = value;
            return this;
        }

        public Builder userData32(final int value) {
            userData32 = value;
            return this;
        }

        public Builder timeout(final int seconds) {
            timeout = seconds;
            return this;
        }

        public Builder ledger(final int value) {
            ledger = value;
            return this;
        }

        public Builder code(final int value) {
            code = value;
            return this;
        }

        public Builder flags(final int value) {
            flags = value;
            return this;
        }

        public Builder timestamp(final long value) {
            timestamp = value;
            return this;
        }

        public Transfer build() {
            return new Transfer(id, debitAccountId, creditAccountId, amount, pendingId, reversesId, userData128Hi,
                userData128Lo, userData64, userData32, timeout, ledger, code, flags, timestamp, 0);
        }
    }
}
