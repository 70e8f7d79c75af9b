package io.ringbook.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringbook.engine.command.Command;

/**
 * Journal stage: hands every mutating command to the {@link JournalSink} in ring order and group-commits at the end
 * of each Disruptor batch. Runs in parallel with the ledger stage; the reply stage waits for both, so nothing is
 * answered before its commit returned. Closes the sink on its own thread when the ring shuts down.
 */
final class JournalHandler implements EventHandler<Command> {
    private final JournalSink sink;
    private final HaltSwitch halt;

    JournalHandler(final JournalSink sink, final HaltSwitch halt) {
        this.sink = sink;
        this.halt = halt;
    }

    @Override
    public void onEvent(final Command command, final long sequence, final boolean endOfBatch) {
        if (halt.isHalted()) {
            return;
        }
        if (command.operation.isMutating() && command.context != RingbookEngine.ABANDONED) {
            sink.append(command, sequence);
        }
        if (endOfBatch) {
            sink.commit();
        }
    }

    @Override
    public void onShutdown() {
        sink.close();
    }
}
