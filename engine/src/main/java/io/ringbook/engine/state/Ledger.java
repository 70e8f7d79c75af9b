package io.ringbook.engine.state;

import io.ringbook.engine.pipeline.CommandBatch;

/** The deterministic ledger state machine (being written). */
public final class Ledger {
    private final LedgerConfig config;

    public Ledger(final LedgerConfig config) {
        this.config = config;
    }

    public LedgerConfig config() {
        return config;
    }

    /** Applies one request and writes its results into its slots. */
    public void execute(final CommandBatch request) {
        throw new UnsupportedOperationException("not yet");
    }
}
