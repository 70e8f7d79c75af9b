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
}
