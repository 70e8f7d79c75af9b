package io.ringbook.model;

/**
 * Filter for an account's transfers or balance history. Zero user data / code fields match anything; a zero
 * timestamp bound is open. {@code limit} must be at least 1 and at least one of {@code debits} / {@code credits} must
 * be set, otherwise the filter matches nothing. {@code reversed} returns newest first.
 */
public record AccountFilter(long accountId, long userData128Hi, long userData128Lo, long userData64, int userData32,
                            int code, long timestampMin, long timestampMax, int limit, int flags) {

    public static final int DEBITS = 1;
    public static final int CREDITS = 1 << 1;
    public static final int REVERSED = 1 << 2;
    public static final int ALL = (1 << 3) - 1;

    /** Every transfer of the account, oldest first, up to {@code limit}. */
    public static AccountFilter of(final long accountId, final int limit) {
        return new AccountFilter(accountId, 0, 0, 0, 0, 0, 0, 0, limit, DEBITS | CREDITS);
    }

    public AccountFilter withFlags(final int newFlags) {
        return new AccountFilter(accountId, userData128Hi, userData128Lo, userData64, userData32, code, timestampMin,
            timestampMax, limit, newFlags);
    }

    public AccountFilter withTimestampRange(final long min, final long max) {
        return new AccountFilter(accountId, userData128Hi, userData128Lo, userData64, userData32, code, min, max,
            limit, flags);
    }

    /** A copy with another {@code limit}. */
    public AccountFilter withLimit(final int newLimit) {
        return new AccountFilter(accountId, userData128Hi, userData128Lo, userData64, userData32, code, timestampMin,
            timestampMax, newLimit, flags);
    }

    /**
     * The filter that continues a read answered with {@code rowsFound} rows and the nonzero {@code continuation}
     * (docs/SEMANTICS.md, "Scan budget"): the rest of the limit, from the continuation on (as {@code timestampMax}
     * when reversed, else as {@code timestampMin}).
     */
    public AccountFilter continuedAt(final long continuation, final int rowsFound) {
        final boolean reversed = (flags & REVERSED) != 0;
        return new AccountFilter(accountId, userData128Hi, userData128Lo, userData64, userData32, code,
            reversed ? timestampMin : continuation, reversed ? continuation : timestampMax, limit - rowsFound, flags);
    }
}
