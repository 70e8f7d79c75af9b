package io.ringbook.client;

import io.netty.buffer.ByteBuf;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A call that is a request of its own: a query or ledger totals (one filter record), or the state hash (no body).
 *
 * @param <T> what the caller's future yields
 */
final class SingleCall<T> extends Call<T> {
    private final Consumer<ByteBuf> encoder;
    private final Function<Reply, T> decoder;

    SingleCall(final int operation, final int records, final Consumer<ByteBuf> encoder,
               final Function<Reply, T> decoder, final long deadlineNs) {
        super(operation, records, deadlineNs);
        this.encoder = encoder;
        this.decoder = decoder;
    }

    @Override
    void encode(final ByteBuf out) {
        encoder.accept(out);
    }

    @Override
    T decode(final Reply reply) {
        return decoder.apply(reply);
    }
}
