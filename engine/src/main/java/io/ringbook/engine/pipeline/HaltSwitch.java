package io.ringbook.engine.pipeline;

import io.ringbook.engine.EngineConfig.HaltPolicy;

/**
 * The engine's one-way "halted" state, shared by every stage. Tripped by a stage's exception handler; after that the
 * stages do no more work and the reply stage fails every request it sees (or the process exits, by policy).
 */
final class HaltSwitch {
    private final HaltPolicy policy;
    private volatile Throwable cause;

    HaltSwitch(final HaltPolicy policy) {
        this.policy = policy;
    }

    boolean isHalted() {
        return cause != null;
    }

    /** The first error that halted the engine, or null while it runs. */
    Throwable cause() {
        return cause;
    }

    /** Logs loudly, records the first cause and applies the halt policy. Never throws. */
    void halt(final String what, final Throwable error) {
        synchronized (this) {
            if (cause == null) {
                cause = error;
            }
        }
        System.err.println("ringbook: FATAL: " + what + "; the engine is halted and answers nothing more");
        error.printStackTrace(System.err);
        if (policy == HaltPolicy.EXIT_PROCESS) {
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }
}
