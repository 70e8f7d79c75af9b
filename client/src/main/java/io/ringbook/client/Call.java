package io.ringbook.client;

import io.ringbook.protocol.OperationCode;
import io.netty.buffer.ByteBuf;

import java.util.concurrent.CompletableFuture;

/**
 * One caller's call: its records, its deadline and its future. Created on the caller's thread; from then on its
 * mutable fields are touched only by the {@link Dispatcher} on the I/O thread. Its future is completed only on the
 * callback executor.
 *
 * @param <T> what the caller's future yields
 */
abstract class Call<T> {
    /** Reads one record of a reply at an absolute index. */
    interface RecordDecoder<R> {
        R decode(ByteBuf in, int index);
    }

    /** Reads the id of the record at an absolute index of a reply (lookups route records back by id). */
    interface IdReader {
        long id(ByteBuf in, int index);
    }

    final int operation;
    /** Records this call adds to a request body (0 for state hash). */
    final int records;
    final long deadlineNs;
    final CompletableFuture<T> future = new CompletableFuture<>();

    /** Arrival order on the I/O thread: the oldest queued call is served first. */
    long sequence;
    /** Index of this call's first record in its request. */
    int offset;
    /** The request carrying this call, null while it is queued. */
    Request request;
    /** Completed (answered, failed or timed out): nothing more happens to it. */
    boolean done;

    Call(final int operation, final int records, final long deadlineNs) {
        this.operation = operation;
        this.records = records;
        this.deadlineNs = deadlineNs;
    }

    /** Events this call counts against the queue limit: at least one, so that calls without a body count too. */
    final int weight() {
        return Math.max(records, 1);
    }

    /** True if no other call's events may follow this one in a request (it ends with an open linked chain). */
    boolean endsBatch() {
        return false;
    }

    /** True for create operations, whose outcome is unknown when no answer came. */
    final boolean isCreate() {
        return OperationCode.isCreate(operation);
    }

    /** Appends this call's records to a request body. */
    abstract void encode(ByteBuf out);

    /** Reads this call's answer out of its request's reply, on the I/O thread (the reply buffer dies after). */
    abstract T decode(Reply reply);

    /** Decodes now; the returned task completes the future and is meant for the callback executor. */
    final Runnable succeed(final Reply reply) {
        final T value = decode(reply);
        return () -> future.complete(value);
    }

    /** The task that fails the future, meant for the callback executor. */
    final Runnable fail(final Throwable cause) {
        return () -> future.completeExceptionally(cause);
    }
}
