package io.ringbook.client;

import io.ringbook.protocol.CreateResultCodec;
import io.netty.buffer.ByteBuf;
import io.ringbook.model.CreateResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * A {@code create_accounts} or {@code create_transfers} call. It may share a request with other calls of the same
 * operation; its results are the slice of the reply at its offset, re-indexed from zero.
 *
 * @param <E> Account or Transfer
 */
final class CreateCall<E> extends Call<List<CreateResult>> {
    private final List<E> events;
    private final BiConsumer<ByteBuf, E> encoder;
    private final ToLongFunction<E> idOf;
    private final boolean endsBatch;

    CreateCall(final int operation, final List<E> events, final BiConsumer<ByteBuf, E> encoder,
               final ToLongFunction<E> idOf, final boolean lastLinked, final long deadlineNs) {
        super(operation, events.size(), deadlineNs);
        this.events = events;
        this.encoder = encoder;
        this.idOf = idOf;
        this.endsBatch = lastLinked;
    }

    @Override
    boolean endsBatch() {
        return endsBatch;
    }

    @Override
    void encode(final ByteBuf out) {
        for (final E event : events) {
            encoder.accept(out, event);
        }
    }

    @Override
    List<CreateResult> decode(final Reply reply) {
        final List<CreateResult> results = new ArrayList<>(records);
        final CreateResultCodec result = new CreateResultCodec();
        for (int i = 0; i < records; i++) {
            result.wrap(reply.body(), (offset + i) * CreateResultCodec.BYTES);
            results.add(result.toCreateResult(i, idOf.applyAsLong(events.get(i))));
        }
        return Collections.unmodifiableList(results);
    }
}
