package io.ringbook.engine.pipeline;

import io.ringbook.engine.command.CommandRequest;

/**
 * Receives a request's results once all its slots are applied and journaled. Runs on the reply thread; must copy
 * what it needs before returning, because the slots are reused afterwards.
 */
@FunctionalInterface
public interface Replier {
    /** Called with every answered request, in ring order, after all its commands were applied and journaled. */
    void onReply(CommandRequest request);

    /**
     * Called instead of {@link #onReply} for every request the engine will not answer because it halted (halt policy
     * {@code FAIL_REQUESTS}), so that whoever waits for the request can fail it at once. The default does nothing.
     */
    default void onHalted(final CommandRequest request, final Throwable cause) {
    }
}
