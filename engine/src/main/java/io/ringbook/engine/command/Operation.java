package io.ringbook.engine.command;

/**
 * What a request asks of the ledger. Mutating operations are journaled; reads are not. Codes are stable: they are
 * written in the journal. The binary protocol has its own operation codes (the protocol module); they are equal for
 * the operations on the wire, and the gateway's translation is tested to keep them so.
 */
public enum Operation {
    CREATE_ACCOUNTS(1, true),
    CREATE_TRANSFERS(2, true),
    LOOKUP_ACCOUNTS(3, false),
    LOOKUP_TRANSFERS(4, false),
    GET_ACCOUNT_TRANSFERS(5, false),
    GET_ACCOUNT_BALANCES(6, false),
    QUERY_ACCOUNTS(7, false),
    QUERY_TRANSFERS(8, false),
    GET_LEDGER_TOTALS(9, false),
    /** Expires pending transfers whose timeout has passed, as of the command's arrival time. */
    PULSE(10, true),
    /** Computes the state hash over all accounts and transfers, at a consistent cut. */
    STATE_HASH(11, false),
    /**
     * Takes a consistent cut of the state for a snapshot writer (a {@code LedgerCut} in the head command's attachment),
     * or leaves no attachment while the previous cut is still being written. Changes nothing, so it is not journaled.
     */
    SNAPSHOT(12, false),
    /**
     * Sets the capacity limits the rules check ({@code *_capacity_exceeded}). Results depend on them, so they are
     * journaled like any other change: the store submits one at its first start and whenever it starts with other
     * capacities than the limits in force.
     */
    CONFIGURE(13, true);

    private static final Operation[] BY_CODE = new Operation[14];

    static {
        for (final Operation operation : values()) {
            BY_CODE[operation.code] = operation;
        }
    }

    private final int code;
    private final boolean mutating;

    Operation(final int code, final boolean mutating) {
        this.code = code;
        this.mutating = mutating;
    }

    /** The stable number of the operation, as written in the journal. */
    public int code() {
        return code;
    }

    /** True if the operation changes state and therefore must be journaled. */
    public boolean isMutating() {
        return mutating;
    }

    /** The operation with the given code, or null. */
    public static Operation ofCode(final int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
