package io.ringbook.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A request body read with Jackson's streaming parser, one token at a time, turning every problem into an
 * {@link ApiException} that names the field: malformed JSON is {@code invalid_json}, a value of the wrong JSON type
 * {@code invalid_type}, and so on. Values are read by {@link FieldKind}.
 */
final class JsonInput implements AutoCloseable {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonParser parser;

    private JsonInput(final JsonParser parser) {
        this.parser = parser;
    }

    /** A reader over the body; {@code empty_request} if the body holds no JSON value at all. */
    static JsonInput open(final ByteBuf body) {
        if (!body.isReadable()) {
            throw new ApiException(ApiError.EMPTY_REQUEST, "the request has no body; it must be JSON");
        }
        try {
            final InputStream in = new ByteBufInputStream(body.duplicate());
            final JsonInput input = new JsonInput(FACTORY.createParser(in));
            if (input.next() == null) {
                throw new ApiException(ApiError.EMPTY_REQUEST, "the request body holds no JSON value");
            }
            return input;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves to the next token (null at the end of the input). */
    JsonToken next() {
        try {
            return parser.nextToken();
        } catch (final JsonProcessingException e) {
            throw new ApiException(ApiError.INVALID_JSON, describe(e));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonToken current() {
        return parser.currentToken();
    }

    /** The name of the field at the current FIELD_NAME token. */
    String fieldName() {
        try {
            return parser.currentName();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with {@code invalid_type} unless the current token is {@code expected}. */
    void require(final JsonToken expected, final String path, final String what) {
        if (current() != expected) {
            throw invalidType(path, what);
        }
    }

    /** After the whole value: anything more in the body is {@code invalid_json}. */
    void requireEnd() {
        final JsonToken token;
        try {
            token = next();
        } catch (final ApiException e) {
            throw new ApiException(ApiError.INVALID_JSON, "unexpected content after the JSON value: " + e.getMessage());
        }
        if (token != null) {
            throw new ApiException(ApiError.INVALID_JSON,
                "unexpected content after the JSON value at " + where(parser.currentTokenLocation()));
        }
    }

    /** Reads the value at the current token into {@code out[slot]} (and {@code out[slot + 1]} for 128 bits). */
    void readValue(final FieldKind kind, final String path, final long[] out, final int slot) {
        if (kind.isInteger()) {
            readInteger(kind, path, out, slot);
        } else if (kind == FieldKind.BOOLEAN) {
            final JsonToken token = current();
            if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                throw invalidType(path, "a boolean");
            }
            out[slot] = token == JsonToken.VALUE_TRUE ? 1 : 0;
        } else {
            out[slot] = readFlags(kind, path);
        }
    }

    private void readInteger(final FieldKind kind, final String path, final long[] out, final int slot) {
        try {
            final JsonToken token = current();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    kind.store(parser.getBigIntegerValue(), path, out, slot);
                } else {
                    kind.store(parser.getLongValue(), path, out, slot);
                }
            } else if (token == JsonToken.VALUE_STRING) {
                kind.parse(parser.getText(), path, out, slot);
            } else {
                throw invalidType(path, "an integer (a JSON number or a decimal string)");
            }
        } catch (final JsonProcessingException e) {
            throw new ApiException(ApiError.INVALID_JSON, path + ": " + describe(e));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int readFlags(final FieldKind kind, final String path) {
        require(JsonToken.START_ARRAY, path, "an array of flag names");
        int flags = 0;
        int index = 0;
        while (next() != JsonToken.END_ARRAY) {
            final String element = path + "[" + index + "]";
            require(JsonToken.VALUE_STRING, element, "a flag name (a string)");
            try {
                flags |= kind.flag(parser.getText(), element);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            index++;
        }
        return flags;
    }

    /** {@code invalid_type}: the field, what it must be and what it was. */
    ApiException invalidType(final String path, final String what) {
        return new ApiException(ApiError.INVALID_TYPE, path + ": expected " + what + ", got " + describe(current()));
    }

    private static String describe(final JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
                return "an integer";
            case VALUE_NUMBER_FLOAT:
                return "a number with a fraction or an exponent";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString() == null ? token.name() : token.asString();
        }
    }

    private static String describe(final JsonProcessingException e) {
        final JsonLocation location = e.getLocation();
        final String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        final int lineEnd = message.indexOf('\n');
        final String first = lineEnd < 0 ? message : message.substring(0, lineEnd);
        return location == null ? first : first + " (at " + where(location) + ")";
    }

    private static String where(final JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
