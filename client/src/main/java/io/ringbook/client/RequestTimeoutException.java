package io.ringbook.client;

import java.time.Duration;

/**
 * A call got no answer before its deadline ({@link ClientConfig#requestTimeout()}), retries included. For a create
 * the outcome is unknown: the events may or may not have been applied. Retrying the same events with the same ids is
 * safe, because ids are idempotency keys: events that were applied answer {@code exists} the second time.
 */
public final class RequestTimeoutException extends RingbookClientException {
    private final String operation;

    /** A call of {@code operation} unanswered within {@code timeout}; {@code create} if its outcome is unknown. */
    public RequestTimeoutException(final String operation, final Duration timeout, final boolean create) {
        super(message(operation, timeout, create));
        this.operation = operation;
    }

    /** The protocol name of the operation that timed out, for example {@code create_transfers}. */
    public String operation() {
        return operation;
    }

    private static String message(final String operation, final Duration timeout, final boolean create) {
        final String head = operation + " got no answer within " + timeout.toMillis() + " ms";
        if (create) {
            return head + ": its outcome is unknown (the events may or may not have been applied); retrying with the"
                + " same ids is safe, ids are idempotency keys and applied events answer exists";
        }
        return head + "; a read changes nothing, so retrying is safe";
    }
}
