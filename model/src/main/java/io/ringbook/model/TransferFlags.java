package io.ringbook.model;

/**
 * Transfer flag bits (16-bit field). Names on the wire are the snake_case names in {@link #NAMES}.
 */
public final class TransferFlags {
    public static final int LINKED = 1;
    public static final int PENDING = 1 << 1;
    public static final int POST_PENDING_TRANSFER = 1 << 2;
    public static final int VOID_PENDING_TRANSFER = 1 << 3;
    public static final int BALANCING_DEBIT = 1 << 4;
    public static final int BALANCING_CREDIT = 1 << 5;
    public static final int CLOSING_DEBIT = 1 << 6;
    public static final int CLOSING_CREDIT = 1 << 7;
    public static final int IMPORTED = 1 << 8;

    /** Every defined bit; any other bit set is {@code reserved_flag}. */
    public static final int ALL = (1 << 9) - 1;

    /** Wire names, index i names bit (1 &lt;&lt; i). */
    public static final String[] NAMES = {
        "linked", "pending", "post_pending_transfer", "void_pending_transfer", "balancing_debit", "balancing_credit",
        "closing_debit", "closing_credit", "imported",
    };

    private TransferFlags() {
    }
}
