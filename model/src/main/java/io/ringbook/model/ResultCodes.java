package io.ringbook.model;

import java.util.function.ToIntFunction;

/**
 * The result codes that {@link CreateAccountResult} and {@link CreateTransferResult} share on purpose, defined once.
 * They are the outcomes of the request-level rules both create operations apply before an event's own rules
 * (docs/SEMANTICS.md, "Requests and linked chains"), and TigerBeetle gives them the same numbers in both enums. Every
 * other code belongs to one enum only, even where the names match ({@code exists} is 21 for accounts and 46 for
 * transfers). Also builds the enums' code-to-constant lookup tables.
 */
public final class ResultCodes {
    /** {@code created}: the event was applied. */
    public static final int CREATED = 0;
    /** {@code linked_event_failed}: another event of the event's linked chain failed. */
    public static final int LINKED_EVENT_FAILED = 1;
    /** {@code linked_event_chain_open}: the last event of the request has {@code linked} set. */
    public static final int LINKED_EVENT_CHAIN_OPEN = 2;
    /** {@code timestamp_must_be_zero}: a non-imported event carries a timestamp. */
    public static final int TIMESTAMP_MUST_BE_ZERO = 3;

    private ResultCodes() {
    }

    /** A table from code to constant (null where no constant has the code); throws on a duplicate code. */
    static <E extends Enum<E>> E[] index(final E[] values, final ToIntFunction<E> code) {
        int max = 0;
        for (final E value : values) {
            max = Math.max(max, code.applyAsInt(value));
        }
        final E[] byCode = java.util.Arrays.copyOf(values, max + 1);
        java.util.Arrays.fill(byCode, null);
        for (final E value : values) {
            if (byCode[code.applyAsInt(value)] != null) {
                throw new IllegalStateException("duplicate result code " + code.applyAsInt(value));
            }
            byCode[code.applyAsInt(value)] = value;
        }
        return byCode;
    }
}
