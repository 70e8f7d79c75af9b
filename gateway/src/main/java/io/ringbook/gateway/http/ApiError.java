package io.ringbook.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Locale;

/**
 * Every error the HTTP API answers for a whole request, with its HTTP status. The snake_case {@link #wireName()} is
 * the {@code "error"} field of the answer: a contract with users (docs/HTTP.md lists them), so names never change.
 */
public enum ApiError {
    /** The body is not well-formed JSON, or has content after the JSON value. */
    INVALID_JSON(HttpResponseStatus.BAD_REQUEST),
    /** A value has the wrong JSON type (an object where an integer belongs, a fraction, a non-decimal string...). */
    INVALID_TYPE(HttpResponseStatus.BAD_REQUEST),
    /** A field or query parameter the route does not know. */
    UNKNOWN_FIELD(HttpResponseStatus.BAD_REQUEST),
    /** The same field or query parameter twice. */
    DUPLICATE_FIELD(HttpResponseStatus.BAD_REQUEST),
    /** A required field is absent. */
    MISSING_FIELD(HttpResponseStatus.BAD_REQUEST),
    /** A flag name that is not one of the type's flag names. */
    UNKNOWN_FLAG(HttpResponseStatus.BAD_REQUEST),
    /** An integer outside its field's range. */
    NUMBER_OUT_OF_RANGE(HttpResponseStatus.BAD_REQUEST),
    /** More events (or ids) than one request may carry. */
    TOO_MANY_EVENTS(HttpResponseStatus.BAD_REQUEST),
    /** No body, or an empty array of events or ids. */
    EMPTY_REQUEST(HttpResponseStatus.BAD_REQUEST),
    /** The HTTP request itself could not be decoded (request line or headers). */
    INVALID_REQUEST(HttpResponseStatus.BAD_REQUEST),
    /** No such route, no such record, or a route that is switched off. */
    NOT_FOUND(HttpResponseStatus.NOT_FOUND),
    /** The path exists but not with this method; the {@code Allow} header lists the methods it has. */
    METHOD_NOT_ALLOWED(HttpResponseStatus.METHOD_NOT_ALLOWED),
    /** {@code POST /v1/admin/snapshot} on a server that takes no snapshots (durability {@code none}). */
    SNAPSHOTS_DISABLED(HttpResponseStatus.CONFLICT),
    /** The body is larger than the server's limit; answered before the body is read, then the connection closes. */
    BODY_TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
    /** The command ring is full: nothing was applied; retry after the {@code Retry-After} seconds. */
    BUSY(HttpResponseStatus.SERVICE_UNAVAILABLE),
    /** The engine halted, or the server is shutting down. */
    UNAVAILABLE(HttpResponseStatus.SERVICE_UNAVAILABLE),
    /** A defect in the server; the request may or may not have been applied (ids make a retry safe). */
    INTERNAL_ERROR(HttpResponseStatus.INTERNAL_SERVER_ERROR);

    private final HttpResponseStatus status;
    private final String wireName;

    ApiError(final HttpResponseStatus status) {
        this.status = status;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP status answered with this error. */
    public HttpResponseStatus status() {
        return status;
    }

    /** The value of the answer's {@code "error"} field. */
    public String wireName() {
        return wireName;
    }
}
