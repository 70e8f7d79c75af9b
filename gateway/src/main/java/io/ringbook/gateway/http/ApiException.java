package io.ringbook.gateway.http;

/**
 * A request the API answers with an error instead of sending it to the engine (or an engine failure turned into one).
 * Flow control, not a fault: it carries no stack trace.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    ApiException(final ApiError error, final String message) {
        super(message, null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
