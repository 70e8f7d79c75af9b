package io.ringbook.client;

/**
 * The client was closed before the call was answered, or the call was made after {@link RingbookClient#close()}.
 * A create that was already sent may or may not have been applied; retrying it with the same ids (through a new
 * client) is safe.
 */
public final class ClientClosedException extends RingbookClientException {
    /** A call of {@code operation} that failed because the client was closed. */
    public ClientClosedException(final String operation) {
        super(operation + " not answered: the client is closed; a create that was sent may or may not have been"
            + " applied, retrying with the same ids is safe");
    }
}
