package io.ringbook.model;

/**
 * Account flag bits (16-bit field). Names on the wire are the snake_case names in {@link #NAMES}.
 */
public final class AccountFlags {
    public static final int LINKED = 1;
    public static final int DEBITS_MUST_NOT_EXCEED_CREDITS = 1 << 1;
    public static final int CREDITS_MUST_NOT_EXCEED_DEBITS = 1 << 2;
    public static final int HISTORY = 1 << 3;
    public static final int IMPORTED = 1 << 4;
    public static final int CLOSED = 1 << 5;

    /** Every defined bit; any other bit set is {@code reserved_flag}. */
    public static final int ALL = (1 << 6) - 1;

    /** Wire names, index i names bit (1 &lt;&lt; i). */
    public static final String[] NAMES = {
        "linked", "debits_must_not_exceed_credits", "credits_must_not_exceed_debits", "history", "imported", "closed",
    };

    private AccountFlags() {
    }
}
