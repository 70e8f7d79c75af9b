package io.ringbook.client;

/**
 * The binary protocol's numbers, version 1 (the layouts are drawn in {@code docs/PROTOCOL.md}): frame and header
 * layout, operation and error codes, record sizes and the offset of every record field. Shared by the Java client
 * and the server, so both read the same page.
 */
public final class Protocol {
    public static final int VERSION = 1;

    /** Bytes of the length prefix; the length counts the header and body after it. */
    public static final int LENGTH_FIELD = 4;
    public static final int HEADER = 16;
    /** Largest frame (after the length field) any server accepts; servers may be configured lower. */
    public static final int FRAME_MAX = 1 << 20;
    /** Most events in one request, and most rows in one reply. */
    public static final int BATCH_MAX = 8190;

    // Header offsets (from the start of the header, after the length field).
    public static final int HEADER_VERSION = 0;
    public static final int HEADER_OPERATION = 1;
    /** Reserved in requests; the error code in replies. */
    public static final int HEADER_ERROR = 2;
    public static final int HEADER_COUNT = 4;
    public static final int HEADER_REQUEST_ID = 8;

    // Operation codes.
    public static final int CREATE_ACCOUNTS = 1;
    public static final int CREATE_TRANSFERS = 2;
    public static final int LOOKUP_ACCOUNTS = 3;
    public static final int LOOKUP_TRANSFERS = 4;
    public static final int GET_ACCOUNT_TRANSFERS = 5;
    public static final int GET_ACCOUNT_BALANCES = 6;
    public static final int QUERY_ACCOUNTS = 7;
    public static final int QUERY_TRANSFERS = 8;
    public static final int GET_LEDGER_TOTALS = 9;
    public static final int STATE_HASH = 11;

    // Error codes of a reply header (0 = ok).
    public static final int OK = 0;
    public static final int ERROR_BUSY = 1;
    public static final int ERROR_UNSUPPORTED_VERSION = 2;
    public static final int ERROR_UNKNOWN_OPERATION = 3;
    public static final int ERROR_INVALID_COUNT = 4;
    public static final int ERROR_INVALID_BODY_SIZE = 5;
    public static final int ERROR_FRAME_TOO_LARGE = 6;
    public static final int ERROR_UNAVAILABLE = 7;

    // Record sizes.
    public static final int ACCOUNT = 96;
    public static final int TRANSFER = 112;
    public static final int CREATE_RESULT = 16;
    public static final int ID = 8;
    public static final int ACCOUNT_FILTER = 64;
    public static final int QUERY_FILTER = 64;
    public static final int ACCOUNT_BALANCE = 48;
    public static final int LEDGER_TOTALS_REQUEST = 8;
    public static final int CODE_TOTALS = 80;
    public static final int STATE_HASH_RECORD = 8;

    // Account fields.
    public static final int ACCOUNT_ID = 0;
    public static final int ACCOUNT_DEBITS_PENDING = 8;
    public static final int ACCOUNT_DEBITS_POSTED = 16;
    public static final int ACCOUNT_CREDITS_PENDING = 24;
    public static final int ACCOUNT_CREDITS_POSTED = 32;
    public static final int ACCOUNT_USER_DATA_128_LO = 40;
    public static final int ACCOUNT_USER_DATA_128_HI = 48;
    public static final int ACCOUNT_USER_DATA_64 = 56;
    public static final int ACCOUNT_USER_DATA_32 = 64;
    public static final int ACCOUNT_LEDGER = 72;
    public static final int ACCOUNT_CODE = 76;
    public static final int ACCOUNT_FLAGS = 78;
    public static final int ACCOUNT_TIMESTAMP = 80;

    // Transfer fields.
    public static final int TRANSFER_ID = 0;
    public static final int TRANSFER_DEBIT_ACCOUNT_ID = 8;
    public static final int TRANSFER_CREDIT_ACCOUNT_ID = 16;
    public static final int TRANSFER_AMOUNT = 24;
    public static final int TRANSFER_PENDING_ID = 32;
    public static final int TRANSFER_REVERSES_ID = 40;
    public static final int TRANSFER_USER_DATA_128_LO = 48;
    public static final int TRANSFER_USER_DATA_128_HI = 56;
    public static final int TRANSFER_USER_DATA_64 = 64;
    public static final int TRANSFER_USER_DATA_32 = 72;
    public static final int TRANSFER_TIMEOUT = 76;
    public static final int TRANSFER_LEDGER = 80;
    public static final int TRANSFER_CODE = 84;
    public static final int TRANSFER_FLAGS = 86;
    public static final int TRANSFER_TIMESTAMP = 88;
    public static final int TRANSFER_REVERSED_AMOUNT = 96;

    // CreateResult fields.
    public static final int RESULT_STATUS = 0;
    public static final int RESULT_TIMESTAMP = 8;

    // AccountFilter fields.
    public static final int ACCOUNT_FILTER_ACCOUNT_ID = 0;
    public static final int ACCOUNT_FILTER_USER_DATA_128_LO = 8;
    public static final int ACCOUNT_FILTER_USER_DATA_128_HI = 16;
    public static final int ACCOUNT_FILTER_USER_DATA_64 = 24;
    public static final int ACCOUNT_FILTER_USER_DATA_32 = 32;
    public static final int ACCOUNT_FILTER_CODE = 36;
    public static final int ACCOUNT_FILTER_TIMESTAMP_MIN = 40;
    public static final int ACCOUNT_FILTER_TIMESTAMP_MAX = 48;
    public static final int ACCOUNT_FILTER_LIMIT = 56;
    public static final int ACCOUNT_FILTER_FLAGS = 60;

    // QueryFilter fields.
    public static final int QUERY_FILTER_USER_DATA_128_LO = 0;
    public static final int QUERY_FILTER_USER_DATA_128_HI = 8;
    public static final int QUERY_FILTER_USER_DATA_64 = 16;
    public static final int QUERY_FILTER_USER_DATA_32 = 24;
    public static final int QUERY_FILTER_LEDGER = 28;
    public static final int QUERY_FILTER_CODE = 32;
    public static final int QUERY_FILTER_TIMESTAMP_MIN = 40;
    public static final int QUERY_FILTER_TIMESTAMP_MAX = 48;
    public static final int QUERY_FILTER_LIMIT = 56;
    public static final int QUERY_FILTER_FLAGS = 60;

    // AccountBalance fields.
    public static final int BALANCE_TIMESTAMP = 0;
    public static final int BALANCE_DEBITS_PENDING = 8;
    public static final int BALANCE_DEBITS_POSTED = 16;
    public static final int BALANCE_CREDITS_PENDING = 24;
    public static final int BALANCE_CREDITS_POSTED = 32;

    // LedgerTotalsRequest fields.
    public static final int TOTALS_REQUEST_LEDGER = 0;

    // CodeTotals fields (each sum is a u128: low u64 at the offset, high u64 8 bytes after).
    public static final int TOTALS_LEDGER = 0;
    public static final int TOTALS_CODE = 4;
    public static final int TOTALS_ACCOUNTS = 8;
    public static final int TOTALS_DEBITS_PENDING = 16;
    public static final int TOTALS_DEBITS_POSTED = 32;
    public static final int TOTALS_CREDITS_PENDING = 48;
    public static final int TOTALS_CREDITS_POSTED = 64;

    private Protocol() {
    }

    /** The request record size of an operation, or 0 for an operation without a body (state hash), -1 if unknown. */
    public static int requestRecord(final int operation) {
        switch (operation) {
            case CREATE_ACCOUNTS:
                return ACCOUNT;
            case CREATE_TRANSFERS:
                return TRANSFER;
            case LOOKUP_ACCOUNTS:
            case LOOKUP_TRANSFERS:
                return ID;
            case GET_ACCOUNT_TRANSFERS:
            case GET_ACCOUNT_BALANCES:
                return ACCOUNT_FILTER;
            case QUERY_ACCOUNTS:
            case QUERY_TRANSFERS:
                return QUERY_FILTER;
            case GET_LEDGER_TOTALS:
                return LEDGER_TOTALS_REQUEST;
            case STATE_HASH:
                return 0;
            default:
                return -1;
        }
    }

    /** The reply record size of an operation, or -1 if unknown. */
    public static int replyRecord(final int operation) {
        switch (operation) {
            case CREATE_ACCOUNTS:
            case CREATE_TRANSFERS:
                return CREATE_RESULT;
            case LOOKUP_ACCOUNTS:
            case QUERY_ACCOUNTS:
                return ACCOUNT;
            case LOOKUP_TRANSFERS:
            case GET_ACCOUNT_TRANSFERS:
            case QUERY_TRANSFERS:
                return TRANSFER;
            case GET_ACCOUNT_BALANCES:
                return ACCOUNT_BALANCE;
            case GET_LEDGER_TOTALS:
                return CODE_TOTALS;
            case STATE_HASH:
                return STATE_HASH_RECORD;
            default:
                return -1;
        }
    }

    /** True for operations whose body is exactly one filter record (queries and ledger totals). */
    public static boolean isSingleRecord(final int operation) {
        return operation >= GET_ACCOUNT_TRANSFERS && operation <= GET_LEDGER_TOTALS;
    }

    /** The snake_case name of an error code, for messages and exceptions. */
    public static String errorName(final int error) {
        switch (error) {
            case OK:
                return "ok";
            case ERROR_BUSY:
                return "busy";
            case ERROR_UNSUPPORTED_VERSION:
                return "unsupported_version";
            case ERROR_UNKNOWN_OPERATION:
                return "unknown_operation";
            case ERROR_INVALID_COUNT:
                return "invalid_count";
            case ERROR_INVALID_BODY_SIZE:
                return "invalid_body_size";
            case ERROR_FRAME_TOO_LARGE:
                return "frame_too_large";
            case ERROR_UNAVAILABLE:
                return "unavailable";
            default:
                return "error_" + error;
        }
    }
}
