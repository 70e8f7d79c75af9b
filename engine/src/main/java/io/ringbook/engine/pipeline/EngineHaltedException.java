package io.ringbook.engine.pipeline;

/**
 * The engine stopped after an unexpected error in one of its stages and answers nothing more. The request may or may
 * not have been applied and journaled; after a restart, retrying with the same ids is safe because ids are
 * idempotency keys.
 */
public final class EngineHaltedException extends RuntimeException {
    public EngineHaltedException(final Throwable cause) {
        super("the engine halted after an unexpected error and answers nothing more; restart it to recover", cause);
    }
}
