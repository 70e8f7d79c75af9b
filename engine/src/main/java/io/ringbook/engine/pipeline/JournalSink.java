package io.ringbook.engine.pipeline;

import io.ringbook.engine.command.Command;

/**
 * The journal stage's destination. Runs on the journal thread, in parallel with the ledger stage. It sees every
 * mutating command in ring order; {@link #commit()} is called at the end of each Disruptor batch and must not return
 * until everything appended is durable for the configured mode, because replies are released once it returns.
 */
public interface JournalSink extends AutoCloseable {
    /** A sink that keeps nothing (durability mode {@code none}). */
    JournalSink NONE = new JournalSink() {
        @Override
        public void append(final Command command, final long sequence) {
        }

        @Override
        public void commit() {
        }

        @Override
        public void close() {
        }
    };

    /** Appends one mutating command (header and event fields; never the results). */
    void append(Command command, long sequence);

    /** Makes everything appended so far durable (group commit). */
    void commit();

    @Override
    void close();
}
