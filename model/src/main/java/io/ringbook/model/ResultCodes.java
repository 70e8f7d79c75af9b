package io.ringbook.model;

import java.util.function.ToIntFunction;

/** Builds the code-to-constant lookup tables of the result enums. */
final class ResultCodes {
    private ResultCodes() {
    }

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
