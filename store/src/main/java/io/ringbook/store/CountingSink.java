package io.ringbook.store;

import io.ringbook.engine.command.Command;
import io.ringbook.engine.pipeline.JournalSink;

import java.util.concurrent.atomic.AtomicLong;

/** Counts the events the journal made durable, so the snapshot schedule can follow the journal's growth. */
final class CountingSink implements JournalSink {
    private final JournalSink delegate;
    private final AtomicLong committed = new AtomicLong();
    private long appended;

    CountingSink(final JournalSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void append(final Command command, final long sequence) {
        delegate.append(command, sequence);
        appended++;
    }

    @Override
    public void commit() {
        delegate.commit();
        committed.lazySet(appended);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Events committed since the store opened (any thread). */
    long committedEvents() {
        return committed.get();
    }
}
