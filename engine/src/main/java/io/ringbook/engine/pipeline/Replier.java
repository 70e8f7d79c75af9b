package io.ringbook.engine.pipeline;

/**
 * Receives a request's results once all its slots are applied and journaled. Runs on the reply thread; must copy
 * what it needs before returning, because the slots are reused afterwards.
 */
@FunctionalInterface
public interface Replier {
    void onReply(CommandBatch request);
}
