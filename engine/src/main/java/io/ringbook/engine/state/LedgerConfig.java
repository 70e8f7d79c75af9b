package io.ringbook.engine.state;

/**
 * Capacities of the in-memory state, fixed at start: limits, not allocations (the tables grow with the rows stored,
 * up to them). Running out answers a result code ({@code accounts_capacity_exceeded},
 * {@code transfers_capacity_exceeded}, {@code history_capacity_exceeded}), never an OutOfMemoryError, provided the
 * heap has room for the capacities when full ({@link Ledger#bytesAtCapacity}, {@link Ledger#heapWarning}).
 *
 * @param accountsCapacity          maximum number of accounts
 * @param transfersCapacity         maximum number of transfers
 * @param failedTransferIdsCapacity maximum number of remembered ids whose first attempt failed transiently
 * @param historyCapacity           maximum number of balance-history rows (accounts with the {@code history} flag)
 */
public record LedgerConfig(int accountsCapacity, int transfersCapacity, int failedTransferIdsCapacity,
                           int historyCapacity) {

    /** Largest capacity of any kind: rows are int indexes and the hash index doubles the size. */
    public static final int CAPACITY_MAX = 1 << 29;

    /** Checks every capacity is in 1..{@link #CAPACITY_MAX}; throws IllegalArgumentException otherwise. */
    public LedgerConfig {
        check("accountsCapacity", accountsCapacity);
        check("transfersCapacity", transfersCapacity);
        check("failedTransferIdsCapacity", failedTransferIdsCapacity);
        check("historyCapacity", historyCapacity);
    }

    /** Small defaults for tests and demos. */
    public static LedgerConfig defaults() {
        return of(100_000, 1_000_000);
    }

    /** Capacities derived from the two that matter most. */
    public static LedgerConfig of(final int accounts, final int transfers) {
        return new LedgerConfig(accounts, transfers, Math.max(1024, transfers / 8), Math.max(1024, transfers / 4));
    }

    private static void check(final String name, final int value) {
        if (value < 1 || value > CAPACITY_MAX) {
            throw new IllegalArgumentException(name + " must be in 1.." + CAPACITY_MAX + ": " + value);
        }
    }
}
