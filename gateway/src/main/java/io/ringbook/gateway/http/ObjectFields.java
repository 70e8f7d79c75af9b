package io.ringbook.gateway.http;

import com.fasterxml.jackson.core.JsonToken;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields one kind of JSON object may have (an account, a transfer, a query filter...), read strictly: unknown
 * fields, the same field twice and values of the wrong type or range are refused with the field's path. Each field
 * has two {@code long} slots in the value array (low word, high word); absent fields are zero.
 */
final class ObjectFields {
    private final String what;
    private final String[] names;
    private final FieldKind[] kinds;
    private final Map<String, Integer> indexByName = new HashMap<>();

    /**
     * @param what  what such an object is, for messages ("an account")
     * @param names wire names; field i is at slot {@code 2 * i}
     * @param kinds kind of each field
     */
    ObjectFields(final String what, final String[] names, final FieldKind[] kinds) {
        if (names.length != kinds.length || names.length > Long.SIZE) {
            throw new IllegalArgumentException("names and kinds must pair up, at most 64 fields");
        }
        this.what = what;
        this.names = names.clone();
        this.kinds = kinds.clone();
        for (int i = 0; i < names.length; i++) {
            indexByName.put(names[i], i);
        }
    }

    /** A fresh value array for one object. */
    long[] newValues() {
        return new long[2 * names.length];
    }

    /** The index of the field named {@code name}, for slot arithmetic ({@code 2 * index}). */
    int index(final String name) {
        final Integer index = indexByName.get(name);
        if (index == null) {
            throw new IllegalArgumentException("no field " + name);
        }
        return index;
    }

    /**
     * Reads the object at the current START_OBJECT token up to its END_OBJECT into {@code values} (cleared first).
     *
     * @param path where the object is, for messages ("[3]"; empty for the body itself)
     * @return a bit mask of the fields present (bit i = field i)
     */
    long read(final JsonInput in, final String path, final long[] values) {
        in.require(JsonToken.START_OBJECT, path.isEmpty() ? "the body" : path, what);
        Arrays.fill(values, 0);
        long present = 0;
        while (in.next() == JsonToken.FIELD_NAME) {
            final String name = in.fieldName();
            final String fieldPath = path.isEmpty() ? name : path + "." + name;
            final Integer index = indexByName.get(name);
            if (index == null) {
                throw new ApiException(ApiError.UNKNOWN_FIELD, (path.isEmpty() ? "" : path + ": ") + "unknown field \""
                    + FieldKind.shorten(name) + "\"; the fields of " + what + " are " + String.join(", ", names));
            }
            if ((present & 1L << index) != 0) {
                throw new ApiException(ApiError.DUPLICATE_FIELD, fieldPath + ": the field appears twice");
            }
            present |= 1L << index;
            in.next();
            in.readValue(kinds[index], fieldPath, values, 2 * index);
        }
        return present;
    }

    /**
     * Reads URL query parameters as fields of this kind (booleans as {@code true} / {@code false}), with the same
     * strictness as {@link #read}.
     *
     * @return a bit mask of the parameters present
     */
    long readParameters(final Map<String, List<String>> parameters, final long[] values) {
        Arrays.fill(values, 0);
        long present = 0;
        for (final Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            final String name = parameter.getKey();
            final String path = "query parameter " + FieldKind.shorten(name);
            final Integer index = indexByName.get(name);
            if (index == null) {
                throw new ApiException(ApiError.UNKNOWN_FIELD,
                    path + ": unknown; the parameters of " + what + " are " + String.join(", ", names));
            }
            if (parameter.getValue().size() != 1) {
                throw new ApiException(ApiError.DUPLICATE_FIELD, path + ": given more than once");
            }
            present |= 1L << index;
            final String text = parameter.getValue().get(0);
            if (kinds[index] == FieldKind.BOOLEAN) {
                if (!"true".equals(text) && !"false".equals(text)) {
                    throw new ApiException(ApiError.INVALID_TYPE,
                        path + ": expected true or false, got \"" + FieldKind.shorten(text) + "\"");
                }
                values[2 * index] = "true".equals(text) ? 1 : 0;
            } else {
                kinds[index].parse(text, path, values, 2 * index);
            }
        }
        return present;
    }

    /** The value (low word) of the field named {@code name}. */
    long value(final long[] values, final String name) {
        return values[2 * index(name)];
    }

    /** The high word of the 128-bit field named {@code name}. */
    long high(final long[] values, final String name) {
        return values[2 * index(name) + 1];
    }

    /** True if the field named {@code name} is in the {@code present} mask. */
    boolean isPresent(final long present, final String name) {
        return (present & 1L << index(name)) != 0;
    }
}
