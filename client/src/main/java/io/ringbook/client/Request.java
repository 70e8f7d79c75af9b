package io.ringbook.client;

import io.ringbook.protocol.Frame;
import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One request frame built from one or more calls of the same operation. The encoded frame is kept until the request
 * is done, so that a resend (after {@code busy} or a lost connection) carries exactly the same bytes, request id
 * included. Touched only on the I/O thread.
 */
final class Request {
    /** Where a request is between being built and being done. */
    enum State {
        /** Written to the current connection, waiting for its reply. */
        SENT,
        /** Answered {@code busy}; a resend is scheduled. */
        BACKOFF,
        /** Waiting for a connection, to be sent as soon as there is one. */
        WAITING,
        /** Answered, failed or abandoned; its frame is released. */
        DONE
    }

    final long id;
    final int operation;
    final List<Call<?>> calls;
    final int records;
    final ByteBuf frame;

    State state = State.WAITING;
    /** Calls not yet completed; when it drops to zero (all timed out) the request is abandoned. */
    int live;
    /** Earliest deadline among the live calls. */
    long deadlineNs;
    long busyBackoffNs;
    ScheduledFuture<?> retry;

    Request(final long id, final int operation, final List<Call<?>> calls, final int records, final ByteBuf frame) {
        this.id = id;
        this.operation = operation;
        this.calls = calls;
        this.records = records;
        this.frame = frame;
        this.live = calls.size();
        long earliest = Long.MAX_VALUE;
        for (final Call<?> call : calls) {
            earliest = Math.min(earliest, call.deadlineNs);
        }
        this.deadlineNs = earliest;
    }

    /** Bytes of the frame after its length field, the size a server compares with its frame_max. */
    int frameLength() {
        return frame.readableBytes() - Frame.LENGTH_FIELD_BYTES;
    }
}
