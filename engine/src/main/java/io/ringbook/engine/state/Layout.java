package io.ringbook.engine.state;

/**
 * Field offsets of the fixed-stride records (one {@code long} each). Narrow fields are packed in pairs.
 *
 * <pre>
 * Account (13 longs = 104 bytes; the fields a transfer touches come first)
 *   0 id            1 debits_pending   2 debits_posted   3 credits_pending   4 credits_posted
 *   5 user_data_32 (high) | ledger (low)                 6 code (bits 16..31) | flags (bits 0..15)
 *   7 first transfer row | last transfer row             8 first history row | last history row
 *   9 timestamp    10 user_data_128 hi   11 user_data_128 lo   12 user_data_64
 *
 * Transfer (13 longs = 104 bytes; the words a later transfer of the same account updates are last and adjacent)
 *   0 id           1 amount           2 pending transfer row | reversed transfer row (NONE = -1)
 *   3 user_data_128 hi   4 user_data_128 lo   5 user_data_64   6 user_data_32 | timeout
 *   7 ledger (bits 32..63) | code (16..31) | pending status (12..15) | flags (0..11)     8 timestamp
 *   9 reversed amount   10 debit account row | credit account row
 *  11 previous | next transfer of the debit account   12 previous | next transfer of the credit account
 *
 * History row (7 longs = 56 bytes)
 *   0 timestamp  1 debits_pending  2 debits_posted  3 credits_pending  4 credits_posted
 *   5 transfer row (bits 1..) | side (bit 0: 0 debit, 1 credit)      6 previous | next row of the account
 * </pre>
 */
final class Layout {
    static final int A_ID = 0;
    static final int A_DEBITS_PENDING = 1;
    static final int A_DEBITS_POSTED = 2;
    static final int A_CREDITS_PENDING = 3;
    static final int A_CREDITS_POSTED = 4;
    static final int A_USER_DATA_32_LEDGER = 5;
    static final int A_CODE_FLAGS = 6;
    static final int A_TRANSFERS = 7;
    static final int A_HISTORY = 8;
    static final int A_TIMESTAMP = 9;
    static final int A_USER_DATA_128_HI = 10;
    static final int A_USER_DATA_128_LO = 11;
    static final int A_USER_DATA_64 = 12;
    static final int ACCOUNT_STRIDE = 13;

    static final int T_ID = 0;
    static final int T_AMOUNT = 1;
    static final int T_REFERENCES = 2;
    static final int T_USER_DATA_128_HI = 3;
    static final int T_USER_DATA_128_LO = 4;
    static final int T_USER_DATA_64 = 5;
    static final int T_USER_DATA_32_TIMEOUT = 6;
    static final int T_LEDGER_CODE_FLAGS = 7;
    static final int T_TIMESTAMP = 8;
    static final int T_REVERSED = 9;
    static final int T_ACCOUNTS = 10;
    static final int T_DEBIT_LINKS = 11;
    static final int T_CREDIT_LINKS = 12;
    static final int TRANSFER_STRIDE = 13;

    static final int H_TIMESTAMP = 0;
    static final int H_DEBITS_PENDING = 1;
    static final int H_DEBITS_POSTED = 2;
    static final int H_CREDITS_PENDING = 3;
    static final int H_CREDITS_POSTED = 4;
    static final int H_TRANSFER_SIDE = 5;
    static final int H_LINKS = 6;
    static final int HISTORY_STRIDE = 7;

    /** Pending status of a transfer (bits 12..15 of its ledger/code/flags word; defined flags use bits 0..8). */
    static final int STATUS_NONE = 0;
    static final int STATUS_PENDING = 1;
    static final int STATUS_POSTED = 2;
    static final int STATUS_VOIDED = 3;
    static final int STATUS_EXPIRED = 4;

    static final long NS_PER_SECOND = 1_000_000_000L;

    private Layout() {
    }

    static int ledgerOfTransfer(final long ledgerCodeFlags) {
        return (int) (ledgerCodeFlags >>> 32);
    }

    static int codeOf(final long codeFlags) {
        return (int) (codeFlags >>> 16) & 0xFFFF;
    }

    static int flagsOf(final long codeFlags) {
        return (int) codeFlags & 0x0FFF;
    }

    static int statusOf(final long ledgerCodeFlags) {
        return (int) (ledgerCodeFlags >>> 12) & 0xF;
    }

    static long withStatus(final long ledgerCodeFlags, final int status) {
        return ledgerCodeFlags & ~0xF000L | (long) status << 12;
    }

    static long packTransferLedgerCodeFlags(final int ledger, final int code, final int flags) {
        return ((long) ledger << 32) | ((long) (code & 0xFFFF) << 16) | (flags & 0xFFFF);
    }

    static long packCodeFlags(final int code, final int flags) {
        return ((long) (code & 0xFFFF) << 16) | (flags & 0xFFFF);
    }
}
