package io.ringbook.engine.pipeline;

/**
 * The command ring had no room for the request, so it was not submitted. Retryable: nothing was applied. This is
 * flow control, not a fault, so it carries no stack trace.
 */
public final class RingbookBusyException extends RuntimeException {
    public RingbookBusyException(final int slots) {
        super("the command ring has no room for a request of " + slots + " events; retry later", null, false, false);
    }
}
