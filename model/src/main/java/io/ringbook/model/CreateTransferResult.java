package io.ringbook.model;

/**
 * Result of creating one transfer. Declaration order is precedence order: when several conditions apply, the one
 * declared first is returned. Codes below 100 are TigerBeetle's numbers for the same condition; 100 and above are
 * Ringbook's own (capacity and capped reversals). {@link #wireName()} is the snake_case name used on every interface.
 * The request-level results it shares with the other create operation are defined once, in {@link ResultCodes}.
 */
public enum CreateTransferResult {
    CREATED(ResultCodes.CREATED),
    LINKED_EVENT_FAILED(ResultCodes.LINKED_EVENT_FAILED),
    LINKED_EVENT_CHAIN_OPEN(ResultCodes.LINKED_EVENT_CHAIN_OPEN),
    IMPORTED_EVENT_EXPECTED(56),
    IMPORTED_EVENT_NOT_EXPECTED(57),
    TIMESTAMP_MUST_BE_ZERO(ResultCodes.TIMESTAMP_MUST_BE_ZERO),
    IMPORTED_EVENT_TIMESTAMP_OUT_OF_RANGE(58),
    IMPORTED_EVENT_TIMESTAMP_MUST_NOT_ADVANCE(59),
    RESERVED_FLAG(4),
    ID_MUST_NOT_BE_ZERO(5),
    ID_MUST_NOT_BE_INT_MAX(6),
    EXISTS_WITH_DIFFERENT_FLAGS(36),
    EXISTS_WITH_DIFFERENT_PENDING_ID(40),
    EXISTS_WITH_DIFFERENT_REVERSES_ID(100),
    EXISTS_WITH_DIFFERENT_TIMEOUT(44),
    EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID(37),
    EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID(38),
    EXISTS_WITH_DIFFERENT_AMOUNT(39),
    EXISTS_WITH_DIFFERENT_USER_DATA_128(41),
    EXISTS_WITH_DIFFERENT_USER_DATA_64(42),
    EXISTS_WITH_DIFFERENT_USER_DATA_32(43),
    EXISTS_WITH_DIFFERENT_LEDGER(67),
    EXISTS_WITH_DIFFERENT_CODE(45),
    EXISTS(46),
    ID_ALREADY_FAILED(68),
    TRANSFERS_CAPACITY_EXCEEDED(101),
    FLAGS_ARE_MUTUALLY_EXCLUSIVE(7),
    DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO(8),
    DEBIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX(9),
    CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO(10),
    CREDIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX(11),
    ACCOUNTS_MUST_BE_DIFFERENT(12),
    PENDING_ID_MUST_BE_ZERO(13),
    PENDING_ID_MUST_NOT_BE_ZERO(14),
    PENDING_ID_MUST_NOT_BE_INT_MAX(15),
    PENDING_ID_MUST_BE_DIFFERENT(16),
    TIMEOUT_RESERVED_FOR_PENDING_TRANSFER(17),
    CLOSING_TRANSFER_MUST_BE_PENDING(64),
    REVERSES_ID_MUST_BE_ZERO(102),
    REVERSES_ID_MUST_NOT_BE_INT_MAX(103),
    REVERSES_ID_MUST_BE_DIFFERENT(104),
    AMOUNT_MUST_NOT_BE_NEGATIVE(105),
    LEDGER_MUST_NOT_BE_ZERO(19),
    CODE_MUST_NOT_BE_ZERO(20),
    DEBIT_ACCOUNT_NOT_FOUND(21),
    CREDIT_ACCOUNT_NOT_FOUND(22),
    ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER(23),
    TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS(24),
    REVERSED_TRANSFER_NOT_FOUND(106),
    REVERSED_TRANSFER_NOT_POSTED(107),
    REVERSAL_MUST_SWAP_ACCOUNTS(108),
    PENDING_TRANSFER_NOT_FOUND(25),
    PENDING_TRANSFER_NOT_PENDING(26),
    PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID(27),
    PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID(28),
    PENDING_TRANSFER_HAS_DIFFERENT_LEDGER(29),
    PENDING_TRANSFER_HAS_DIFFERENT_CODE(30),
    EXCEEDS_PENDING_TRANSFER_AMOUNT(31),
    PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT(32),
    PENDING_TRANSFER_ALREADY_POSTED(33),
    PENDING_TRANSFER_ALREADY_VOIDED(34),
    PENDING_TRANSFER_EXPIRED(35),
    IMPORTED_EVENT_TIMESTAMP_MUST_NOT_REGRESS(60),
    IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_DEBIT_ACCOUNT(61),
    IMPORTED_EVENT_TIMESTAMP_MUST_POSTDATE_CREDIT_ACCOUNT(62),
    IMPORTED_EVENT_TIMEOUT_MUST_BE_ZERO(63),
    DEBIT_ACCOUNT_ALREADY_CLOSED(65),
    CREDIT_ACCOUNT_ALREADY_CLOSED(66),
    OVERFLOWS_DEBITS_PENDING(47),
    OVERFLOWS_CREDITS_PENDING(48),
    OVERFLOWS_DEBITS_POSTED(49),
    OVERFLOWS_CREDITS_POSTED(50),
    OVERFLOWS_DEBITS(51),
    OVERFLOWS_CREDITS(52),
    OVERFLOWS_TIMEOUT(53),
    EXCEEDS_CREDITS(54),
    EXCEEDS_DEBITS(55),
    EXCEEDS_REVERSIBLE_AMOUNT(109),
    HISTORY_CAPACITY_EXCEEDED(110);

    private static final CreateTransferResult[] BY_CODE = ResultCodes.index(values(), CreateTransferResult::code);

    private final int code;
    private final String wireName;

    CreateTransferResult(final int code) {
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

    /**
     * True if the outcome depends on state that may change, so that retrying the same event could succeed. An id whose
     * first attempt failed with a transient result is remembered and answers {@code id_already_failed} afterwards.
     */
    public boolean isTransient() {
        switch (this) {
            case DEBIT_ACCOUNT_NOT_FOUND:
            case CREDIT_ACCOUNT_NOT_FOUND:
            case PENDING_TRANSFER_NOT_FOUND:
            case REVERSED_TRANSFER_NOT_FOUND:
            case EXCEEDS_CREDITS:
            case EXCEEDS_DEBITS:
            case EXCEEDS_REVERSIBLE_AMOUNT:
            case DEBIT_ACCOUNT_ALREADY_CLOSED:
            case CREDIT_ACCOUNT_ALREADY_CLOSED:
                return true;
            default:
                return false;
        }
    }

    /** The result with the given stable number, or null if there is none. */
    public static CreateTransferResult ofCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
