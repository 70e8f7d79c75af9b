package io.ringbook.gateway.http;

import io.ringbook.model.AccountFlags;
import io.ringbook.model.TransferFlags;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The kinds of values the API reads, with their ranges: the one place where the JSON conventions for numbers live.
 * Integers arrive as JSON numbers or decimal strings and are stored as the engine's bit patterns: an unsigned 64-bit
 * value of 2^63 or more becomes a negative {@code long}; a 128-bit value fills two slots (low word, then high word).
 */
enum FieldKind {
    SIGNED_64(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)),
    UNSIGNED_128(BigInteger.ZERO, BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)),
    UNSIGNED_64(BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
    UNSIGNED_32(BigInteger.ZERO, BigInteger.valueOf(0xFFFF_FFFFL)),
    UNSIGNED_16(BigInteger.ZERO, BigInteger.valueOf(0xFFFF)),
    BOOLEAN(null, null),
    ACCOUNT_FLAGS(null, null),
    TRANSFER_FLAGS(null, null);

    /** Longer decimal strings are refused before being parsed (the widest value, 2^128-1, has 39 digits). */
    private static final int DECIMAL_DIGITS_MAX = 64;
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

    private final BigInteger min;
    private final BigInteger max;
    /** Largest value that fits a long: ranges checked without BigInteger on the common path. */
    private final long maxLong;

    FieldKind(final BigInteger min, final BigInteger max) {
        this.min = min;
        this.max = max;
        this.maxLong = max == null ? 0 : max.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    boolean isInteger() {
        return min != null;
    }

    /** The flag names of a flags kind, index i naming bit i. */
    String[] flagNames() {
        if (this == ACCOUNT_FLAGS) {
            return AccountFlags.NAMES;
        }
        if (this == TRANSFER_FLAGS) {
            return TransferFlags.NAMES;
        }
        throw new IllegalStateException(this + " has no flag names");
    }

    /** Checks an integer that fits a long and stores it at {@code out[slot]} (and zero in the high word if wide). */
    void store(final long value, final String path, final long[] out, final int slot) {
        if (this != SIGNED_64 && (value < 0 || value > maxLong)) {
            throw outOfRange(path, Long.toString(value));
        }
        out[slot] = value;
        if (this == UNSIGNED_128) {
            out[slot + 1] = 0;
        }
    }

    /** Checks any integer and stores its bit pattern at {@code out[slot]} (low word) and {@code out[slot + 1]}. */
    void store(final BigInteger value, final String path, final long[] out, final int slot) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw outOfRange(path, value.toString());
        }
        out[slot] = value.longValue();
        if (this == UNSIGNED_128) {
            out[slot + 1] = value.shiftRight(Long.SIZE).longValue();
        }
    }

    /** Parses a decimal string (optional minus sign, digits only) and stores it like {@link #store(long, ...)}. */
    void parse(final String text, final String path, final long[] out, final int slot) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new ApiException(ApiError.INVALID_TYPE,
                path + ": expected an integer (a JSON number or a decimal string), got the string \"" + shorten(text)
                    + "\"");
        }
        if (text.length() > DECIMAL_DIGITS_MAX) {
            throw outOfRange(path, shorten(text));
        }
        if (text.length() < 19) {
            store(Long.parseLong(text), path, out, slot);
        } else {
            store(new BigInteger(text), path, out, slot);
        }
    }

    /** The bit mask of the named flags, or {@code unknown_flag} naming the index of the bad name. */
    int flag(final String name, final String path) {
        final String[] names = flagNames();
        for (int bit = 0; bit < names.length; bit++) {
            if (names[bit].equals(name)) {
                return 1 << bit;
            }
        }
        throw new ApiException(ApiError.UNKNOWN_FLAG,
            path + ": unknown flag \"" + shorten(name) + "\"; the flags are " + String.join(", ", names));
    }

    private ApiException outOfRange(final String path, final String value) {
        return new ApiException(ApiError.NUMBER_OUT_OF_RANGE,
            path + ": " + value + " is out of range " + min + ".." + max);
    }

    /** Quotes at most a short prefix of what the client sent. */
    static String shorten(final String text) {
        final int limit = 80;
        return text.length() <= limit ? text : text.substring(0, limit) + "...";
    }
}
