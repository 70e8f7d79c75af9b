package io.ringbook.model;

/**
 * Result of creating one account. Declaration order is precedence order: when several conditions apply, the one
 * declared first is returned. Codes below 100 are TigerBeetle's numbers for the same condition; 100 and above are
 * Ringbook's own. {@link #wireName()} is the snake_case name used on every interface.
 * The request-level results it shares with the other create operation are defined once, in {@link ResultCodes}.
 */
public enum CreateAccountResult {
    CREATED(ResultCodes.CREATED),
    LINKED_EVENT_FAILED(ResultCodes.LINKED_EVENT_FAILED),
    LINKED_EVENT_CHAIN_OPEN(ResultCodes.LINKED_EVENT_CHAIN_OPEN),
    IMPORTED_EVENT_EXPECTED(22),
    IMPORTED_EVENT_NOT_EXPECTED(23),
    TIMESTAMP_MUST_BE_ZERO(ResultCodes.TIMESTAMP_MUST_BE_ZERO),
    IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE(24),
    IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE(25),
    RESERVED_FLAG(5),
    ID_MUST_NOT_BE_ZERO(6),
    ID_MUST_NOT_BE_INT_MAX(7),
    EXISTS_WITH_DIFFERENT_FLAGS(15),
    EXISTS_WITH_DIFFERENT_USER_DATA_128(16),
    EXISTS_WITH_DIFFERENT_USER_DATA_64(17),
    EXISTS_WITH_DIFFERENT_USER_DATA_32(18),
    EXISTS_WITH_DIFFERENT_LEDGER(19),
    EXISTS_WITH_DIFFERENT_CODE(20),
    EXISTS(21),
    ACCOUNTS_CAPACITY_EXCEEDED(100),
    FLAGS_ARE_MUTUALLY_EXCLUSIVE(8),
    DEBITS_PENDING_MUST_BE_ZERO(9),
    DEBITS_POSTED_MUST_BE_ZERO(10),
    CREDITS_PENDING_MUST_BE_ZERO(11),
    CREDITS_POSTED_MUST_BE_ZERO(12),
    LEDGER_MUST_NOT_BE_ZERO(13),
    CODE_MUST_NOT_BE_ZERO(14),
    IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS(26);

    private static final CreateAccountResult[] BY_CODE = ResultCodes.index(values(), CreateAccountResult::code);

    private final int code;
    private final String wireName;

    CreateAccountResult(final int code) {
        this.code = code;
        this.wireName = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Stable number used in the binary protocol and the journal. */
    public int code() {
        return code;
    }

    /** The snake_case name used in JSON and documentation. */
    public String wireName() {
        return wireName;
    }

    /** The result with the given stable number, or null if there is none. */
    public static CreateAccountResult ofCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
