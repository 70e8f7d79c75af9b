package io.ringbook.model;

/**
 * Filter for querying accounts or transfers by their fields. Zero fields match anything; a zero timestamp bound is
 * open. {@code limit} must be at least 1. {@code reversed} returns newest first.
 */
public record QueryFilter(long userData128Hi, long userData128Lo, long userData64, int userData32, int ledger,
                          int code, long timestampMin, long timestampMax, int limit, int flags) {

    public static final int REVERSED = 1;
    public static final int ALL = 1;

    public static QueryFilter of(final int ledger, final int code, final int limit) {
        return new QueryFilter(0, 0, 0, 0, ledger, code, 0, 0, limit, 0);
    }

    public QueryFilter withFlags(final int newFlags) {
        return new QueryFilter(userData128Hi, userData128Lo, userData64, userData32, ledger, code, timestampMin,
            timestampMax, limit, newFlags);
    }

    /** A copy with another {@code limit}. */
    public QueryFilter withLimit(final int newLimit) {
        return new QueryFilter(userData128Hi, userData128Lo, userData64, userData32, ledger, code, timestampMin,
            timestampMax, newLimit, flags);
    }

    /**
     * The filter that continues a read answered with {@code rowsFound} rows and the nonzero {@code continuation}
     * (docs/SEMANTICS.md, "Scan budget"): the rest of the limit, from the continuation on (as {@code timestampMax}
     * when reversed, else as {@code timestampMin}).
     */
    public QueryFilter continuedAt(final long continuation, final int rowsFound) {
        final boolean reversed = (flags & REVERSED) != 0;
        return new QueryFilter(userData128Hi, userData128Lo, userData64, userData32, ledger, code,
            reversed ? timestampMin : continuation, reversed ? continuation : timestampMax, limit - rowsFound, flags);
    }
}
