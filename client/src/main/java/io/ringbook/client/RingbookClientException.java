package io.ringbook.client;

/**
 * Why a {@link RingbookClient} call failed. The subclasses name the cases a caller handles differently: a timeout
 * (outcome unknown, safe to retry with the same ids), an error answered by the server, an overloaded or closed
 * client. This base class itself reports what fits none of them: a failed first connection, or a reply that breaks
 * the protocol.
 */
public class RingbookClientException extends RuntimeException {
    /** A client failure described by {@code message}. */
    public RingbookClientException(final String message) {
        super(message);
    }

    /** A client failure described by {@code message}, caused by {@code cause}. */
    public RingbookClientException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
