package io.ringbook.journal;

import io.ringbook.engine.command.CommandRequest;

/** Receives the committed requests of a replay, in journal order. */
@FunctionalInterface
public interface RequestVisitor {
    /**
     * One committed request. {@code request} is a reused batch whose slots are prepared exactly like the ring's
     * ({@code Command.prepare(operation, requestId, i, n, arrivalNs, null)}, then the event fields), so it can go
     * straight into {@code Ledger.execute}; it is overwritten after this returns.
     *
     * @return false to stop the replay after this request
     */
    boolean onRequest(long index, CommandRequest request);
}
