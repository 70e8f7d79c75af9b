package io.ringbook.protocol;

/**
 * The operation codes of the binary protocol ({@code docs/PROTOCOL.md}, "Operations") and, per operation, the record
 * its request carries and the record its reply carries. Codes 10 and 12 are not on the wire (the engine uses its own
 * numbers inside; the gateway translates in one place).
 */
public final class OperationCode {
    /** {@code create_accounts}: Account events, one CreateResult each. */
    public static final int CREATE_ACCOUNTS = 1;
    /** {@code create_transfers}: Transfer events, one CreateResult each. */
    public static final int CREATE_TRANSFERS = 2;
    /** {@code lookup_accounts}: Ids, the Accounts that exist. */
    public static final int LOOKUP_ACCOUNTS = 3;
    /** {@code lookup_transfers}: Ids, the Transfers that exist. */
    public static final int LOOKUP_TRANSFERS = 4;
    /** {@code get_account_transfers}: one AccountFilter, matching Transfers. */
    public static final int GET_ACCOUNT_TRANSFERS = 5;
    /** {@code get_account_balances}: one AccountFilter, matching AccountBalances. */
    public static final int GET_ACCOUNT_BALANCES = 6;
    /** {@code query_accounts}: one QueryFilter, matching Accounts. */
    public static final int QUERY_ACCOUNTS = 7;
    /** {@code query_transfers}: one QueryFilter, matching Transfers. */
    public static final int QUERY_TRANSFERS = 8;
    /** {@code get_ledger_totals}: one LedgerTotalsRequest, one CodeTotals per account code. */
    public static final int GET_LEDGER_TOTALS = 9;
    /** {@code state_hash}: no body, one StateHash. */
    public static final int STATE_HASH = 11;

    /** Larger than every operation code: the size of an array indexed by code. */
    public static final int CODE_LIMIT = STATE_HASH + 1;

    private static final int[] ALL = {CREATE_ACCOUNTS, CREATE_TRANSFERS, LOOKUP_ACCOUNTS, LOOKUP_TRANSFERS,
        GET_ACCOUNT_TRANSFERS, GET_ACCOUNT_BALANCES, QUERY_ACCOUNTS, QUERY_TRANSFERS, GET_LEDGER_TOTALS, STATE_HASH};

    private OperationCode() {
    }

    /** Every operation code, ascending (a copy). */
    public static int[] all() {
        return ALL.clone();
    }

    /** True if {@code operation} is one of the protocol's operation codes. */
    public static boolean isKnown(final int operation) {
        return requestRecordBytes(operation) >= 0;
    }

    /** The request record size of an operation, 0 for an operation without a body (state hash), -1 if unknown. */
    public static int requestRecordBytes(final int operation) {
        switch (operation) {
            case CREATE_ACCOUNTS:
                return AccountCodec.BYTES;
            case CREATE_TRANSFERS:
                return TransferCodec.BYTES;
            case LOOKUP_ACCOUNTS:
            case LOOKUP_TRANSFERS:
                return IdCodec.BYTES;
            case GET_ACCOUNT_TRANSFERS:
            case GET_ACCOUNT_BALANCES:
                return AccountFilterCodec.BYTES;
            case QUERY_ACCOUNTS:
            case QUERY_TRANSFERS:
                return QueryFilterCodec.BYTES;
            case GET_LEDGER_TOTALS:
                return LedgerTotalsRequestCodec.BYTES;
            case STATE_HASH:
                return 0;
            default:
                return -1;
        }
    }

    /** The reply record size of an operation, or -1 if unknown. */
    public static int replyRecordBytes(final int operation) {
        switch (operation) {
            case CREATE_ACCOUNTS:
            case CREATE_TRANSFERS:
                return CreateResultCodec.BYTES;
            case LOOKUP_ACCOUNTS:
            case QUERY_ACCOUNTS:
                return AccountCodec.BYTES;
            case LOOKUP_TRANSFERS:
            case GET_ACCOUNT_TRANSFERS:
            case QUERY_TRANSFERS:
                return TransferCodec.BYTES;
            case GET_ACCOUNT_BALANCES:
                return AccountBalanceCodec.BYTES;
            case GET_LEDGER_TOTALS:
                return CodeTotalsCodec.BYTES;
            case STATE_HASH:
                return StateHashCodec.BYTES;
            default:
                return -1;
        }
    }

    /** True for operations whose body is exactly one filter record (queries and ledger totals). */
    public static boolean isSingleRecord(final int operation) {
        return operation >= GET_ACCOUNT_TRANSFERS && operation <= GET_LEDGER_TOTALS;
    }

    /**
     * True for the four queries, whose ok reply may end with a {@link ContinuationCodec} trailer after its rows: the
     * body is then {@code count × replyRecordBytes + ContinuationCodec.BYTES} bytes instead of
     * {@code count × replyRecordBytes}.
     */
    public static boolean isQuery(final int operation) {
        return operation >= GET_ACCOUNT_TRANSFERS && operation <= QUERY_TRANSFERS;
    }

    /** True for operations of many events whose requests concurrent calls may share (creates and lookups). */
    public static boolean isMultiRecord(final int operation) {
        return operation >= CREATE_ACCOUNTS && operation <= LOOKUP_TRANSFERS;
    }

    /** True for the create operations, whose reply holds one CreateResult per event. */
    public static boolean isCreate(final int operation) {
        return operation == CREATE_ACCOUNTS || operation == CREATE_TRANSFERS;
    }

    /** The snake_case name of an operation as the protocol page writes it, for messages. */
    public static String name(final int operation) {
        switch (operation) {
            case CREATE_ACCOUNTS:
                return "create_accounts";
            case CREATE_TRANSFERS:
                return "create_transfers";
            case LOOKUP_ACCOUNTS:
                return "lookup_accounts";
            case LOOKUP_TRANSFERS:
                return "lookup_transfers";
            case GET_ACCOUNT_TRANSFERS:
                return "get_account_transfers";
            case GET_ACCOUNT_BALANCES:
                return "get_account_balances";
            case QUERY_ACCOUNTS:
                return "query_accounts";
            case QUERY_TRANSFERS:
                return "query_transfers";
            case GET_LEDGER_TOTALS:
                return "get_ledger_totals";
            case STATE_HASH:
                return "state_hash";
            default:
                return "operation_" + operation;
        }
    }
}
