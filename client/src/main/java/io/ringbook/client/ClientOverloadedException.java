package io.ringbook.client;

/**
 * The client already holds {@link ClientConfig#queuedEventsMax()} events waiting for a free request slot, so a new
 * call fails at once instead of queueing without bound. Nothing of the call was sent: retry after the calls in
 * progress completed, or slow down.
 */
public final class ClientOverloadedException extends RingbookClientException {
    /** A call of {@code events} events refused: {@code queuedEvents} wait already, at most {@code queuedEventsMax}. */
    public ClientOverloadedException(final int queuedEvents, final int events, final int queuedEventsMax) {
        super("client overloaded: " + queuedEvents + " events are queued and " + events + " more would exceed "
            + "queuedEventsMax " + queuedEventsMax + "; nothing of this call was sent");
    }
}
