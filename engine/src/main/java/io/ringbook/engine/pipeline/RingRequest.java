package io.ringbook.engine.pipeline;

import com.lmax.disruptor.RingBuffer;

import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import java.util.Objects;

/**
 * A view of one request's consecutive slots in the ring. Each stage thread owns one instance and re-points it at
 * every request, so handing a request to the ledger or the replier allocates nothing.
 */
final class RingRequest implements CommandRequest {
    private final RingBuffer<Command> ringBuffer;
    private long firstSequence;
    private int size;

    RingRequest(final RingBuffer<Command> ringBuffer) {
        this.ringBuffer = ringBuffer;
    }

    /** Points the view at the request whose last slot is at {@code lastSequence}. */
    RingRequest cover(final long lastSequence, final int requestSize) {
        firstSequence = lastSequence - requestSize + 1;
        size = requestSize;
        return this;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Command get(final int index) {
        return ringBuffer.get(firstSequence + Objects.checkIndex(index, size));
    }
}
