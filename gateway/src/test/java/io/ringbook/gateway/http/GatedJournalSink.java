package io.ringbook.gateway.http;

import io.ringbook.engine.command.Command;
import io.ringbook.engine.pipeline.JournalSink;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A journal sink that can hold the journal stage (so the ring fills up: replies wait for the journal) or fail it (so
 * the engine halts). Holding waits at most the hang guard, so a failed test cannot hang the build.
 */
final class GatedJournalSink implements JournalSink {
    final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean holding = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();

    /** The next append blocks until {@link #release()}. */
    void hold() {
        holding.set(true);
    }

    void release() {
        released.countDown();
    }

    /** The next append throws, which halts the engine. */
    void fail() {
        failing.set(true);
    }

    @Override
    public void append(final Command command, final long sequence) {
        if (failing.get()) {
            throw new IllegalStateException("journal failure injected by the test");
        }
        if (holding.getAndSet(false)) {
            entered.countDown();
            try {
                released.await(HttpFixture.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void commit() {
    }

    @Override
    public void close() {
        release();
    }
}
