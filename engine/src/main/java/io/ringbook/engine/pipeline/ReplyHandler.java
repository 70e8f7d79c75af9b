package io.ringbook.engine.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * Reply stage: runs after both the journal and the ledger stage. On the last slot of each request it hands the
 * request to the {@link Replier} (or, once the engine halted, tells the replier the request failed), then drops the
 * requests' context references so the slots do not keep callers' objects alive.
 */
final class ReplyHandler implements EventHandler<Command> {
    private final Replier replier;
    private final HaltSwitch halt;
    private final RingBatch request;

    ReplyHandler(final Replier replier, final HaltSwitch halt, final RingBatch request) {
        this.replier = replier;
        this.halt = halt;
        this.request = request;
    }

    @Override
    public void onEvent(final Command command, final long sequence, final boolean endOfBatch) {
        if (!command.isLastOfRequest()) {
            return;
        }
        request.cover(sequence, command.batchSize);
        if (command.context != RingbookEngine.ABANDONED) {
            if (halt.isHalted()) {
                replier.onHalted(request, halt.cause());
            } else {
                replier.onReply(request);
            }
        }
        clearContexts();
    }

    /**
     * After this stage threw on {@code command} (the engine is already halted): fails that request if the slot ends
     * one, so that its caller is not left waiting.
     */
    void failAfterError(final Command command, final long sequence) {
        if (command == null || !command.isLastOfRequest()) {
            return;
        }
        request.cover(sequence, command.batchSize);
        try {
            if (command.context != RingbookEngine.ABANDONED) {
                replier.onHalted(request, halt.cause());
            }
        } catch (final RuntimeException | Error e) {
            System.err.println("ringbook: the replier failed to fail a request after the halt");
            e.printStackTrace(System.err);
        }
        clearContexts();
    }

    private void clearContexts() {
        for (int i = 0; i < request.size(); i++) {
            request.get(i).context = null;
            request.get(i).attachment = null;
        }
    }
}
