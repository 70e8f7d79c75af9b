package io.ringbook.engine.pipeline;

import io.ringbook.engine.command.CommandRequest;

/**
 * Whoever submitted a request through {@code Ringbook.submit}: told once, on the reply thread, when the request was
 * applied and journaled, or that it never will be. Carried in the request's slots, so the engine needs no lookup.
 */
public interface RequestCallback {
    /**
     * The request's results are in its slots. Copy what is needed before returning (the slots are reused afterwards)
     * and keep it short: every other reply waits.
     */
    void onReply(CommandRequest request);

    /** The engine halted before answering the request; nothing more will be answered. */
    void onHalted(Throwable cause);
}
