package io.ringbook.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.state.Ledger;

/**
 * Ledger stage: the single thread that owns the ledger state. On the last slot of each request it applies the whole
 * request; all of a request's slots are published together, so the earlier ones are visible by then.
 */
final class LedgerHandler implements EventHandler<Command> {
    private final Ledger ledger;
    private final HaltSwitch halt;
    private final RingRequest request;

    LedgerHandler(final Ledger ledger, final HaltSwitch halt, final RingRequest request) {
        this.ledger = ledger;
        this.halt = halt;
        this.request = request;
    }

    @Override
    public void onEvent(final Command command, final long sequence, final boolean endOfBatch) {
        if (command.isLastOfRequest() && !halt.isHalted() && command.context != RingbookEngine.ABANDONED) {
            ledger.execute(request.cover(sequence, command.requestSize));
        }
    }
}
