package io.ringbook.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.ringbook.gateway.GatewayMetrics.Outcome;

/**
 * One HTTP answer before it is written: status, body, content type, the extra header an error may need
 * ({@code Retry-After}, {@code Allow}) and how the request ended for the metrics.
 *
 * @param headerName  name of one extra header, or null
 * @param headerValue its value
 * @param close       close the connection after this answer
 */
record Answer(HttpResponseStatus status, CharSequence contentType, ByteBuf body, Outcome outcome,
              CharSequence headerName, String headerValue, boolean close) {

    /** A JSON answer the engine's reply produced. */
    static Answer json(final ByteBufAllocator allocator, final HttpResponseStatus status,
                       final JsonPublisher.Body body) {
        return new Answer(status, HttpHeaderValues.APPLICATION_JSON, JsonPublisher.encode(allocator, body),
            Outcome.OK, null, null, false);
    }

    /** An error answer; the outcome follows from the error (bad input, busy, unavailable). */
    static Answer error(final ByteBufAllocator allocator, final ApiError error, final String message) {
        return error(allocator, error, message, outcomeOf(error));
    }

    /** An error answer with an explicit outcome (a 404 for a missing record is an answered request). */
    static Answer error(final ByteBufAllocator allocator, final ApiError error, final String message,
                        final Outcome outcome) {
        final ByteBuf body = JsonPublisher.encode(allocator, JsonPublisher.error(error, message));
        if (error == ApiError.BUSY) {
            return new Answer(error.status(), HttpHeaderValues.APPLICATION_JSON, body, outcome,
                HttpHeaderNames.RETRY_AFTER, "1", false);
        }
        return new Answer(error.status(), HttpHeaderValues.APPLICATION_JSON, body, outcome, null, null, false);
    }

    Answer withHeader(final CharSequence name, final String value) {
        return new Answer(status, contentType, body, outcome, name, value, close);
    }

    Answer closing() {
        return new Answer(status, contentType, body, outcome, headerName, headerValue, true);
    }

    private static Outcome outcomeOf(final ApiError error) {
        switch (error) {
            case BUSY:
                return Outcome.BUSY;
            case UNAVAILABLE:
            case INTERNAL_ERROR:
                return Outcome.UNAVAILABLE;
            default:
                return Outcome.INVALID;
        }
    }
}
