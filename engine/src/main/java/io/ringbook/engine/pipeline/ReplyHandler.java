package io.ringbook.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.ringbook.engine.command.Command;

/**
 * Reply stage: runs after both the journal and the ledger stage. On the last slot of each request it hands the
 * request to the {@link Replier} (or, once the engine halted, tells the replier the request failed), then drops the
 * requests' context references so the slots do not keep callers' objects alive.
 */
final class ReplyHandler implements EventHandler<Command> {
    private final Replier replier;
    private final HaltSwitch halt;
    private final RingRequest request;
    /**
     * The last slot of the last request this stage finished: producers may reuse slots up to here and no further.
     * The stages' own sequences can pass the first slots of a request whose last slot is not there yet (a Disruptor
     * batch may end inside a request); the ledger and reply stages read those slots again at the last one, so they
     * must not be released before the whole request is done.
     */
    private final Sequence released = new Sequence();

    ReplyHandler(final Replier replier, final HaltSwitch halt, final RingRequest request) {
        this.replier = replier;
        this.halt = halt;
        this.request = request;
    }

    @Override
    public void onEvent(final Command command, final long sequence, final boolean endOfBatch) {
        if (!command.isLastOfRequest()) {
            return;
        }
        request.cover(sequence, command.requestSize);
        if (command.context != RingbookEngine.ABANDONED) {
            if (halt.isHalted()) {
                replier.onHalted(request, halt.cause());
            } else {
                replier.onReply(request);
            }
        }
        clearContexts();
        released.set(sequence);
    }

    /** Gates the producers: see {@link #released}. */
    Sequence released() {
        return released;
    }

    /**
     * After this stage threw on {@code command} (the engine is already halted): fails that request if the slot ends
     * one, so that its caller is not left waiting.
     */
    void failAfterError(final Command command, final long sequence) {
        if (command == null || !command.isLastOfRequest()) {
            return;
        }
        request.cover(sequence, command.requestSize);
        try {
            if (command.context != RingbookEngine.ABANDONED) {
                replier.onHalted(request, halt.cause());
            }
        } catch (final RuntimeException | Error e) {
            System.err.println("ringbook: the replier failed to fail a request after the halt");
            e.printStackTrace(System.err);
        }
        clearContexts();
        released.set(sequence);
    }

    private void clearContexts() {
        for (int i = 0; i < request.size(); i++) {
            request.get(i).context = null;
            request.get(i).attachment = null;
        }
    }
}
