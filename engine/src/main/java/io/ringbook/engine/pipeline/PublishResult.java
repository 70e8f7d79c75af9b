package io.ringbook.engine.pipeline;

/** Outcome of offering a request to the ring; returned as a value because a full ring is normal flow control. */
public enum PublishResult {
    /** The request is in the ring; the replier will see it. */
    PUBLISHED,
    /** The ring has no room for the request right now; retry later (answer a retryable "busy"). */
    BUSY,
    /** The engine halted after an unexpected error and accepts nothing more. */
    HALTED,
    /** The engine is closing or closed. */
    CLOSED
}
