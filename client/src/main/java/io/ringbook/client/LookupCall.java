package io.ringbook.client;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A {@code lookup_accounts} or {@code lookup_transfers} call. Lookups of the same kind share requests; the reply
 * holds only the records that exist, so each call picks its own by id, in the order of its ids.
 *
 * @param <R> Account or Transfer
 */
final class LookupCall<R> extends Call<List<R>> {
    private final long[] ids;
    private final RecordDecoder<R> decoder;

    LookupCall(final int operation, final long[] ids, final RecordDecoder<R> decoder, final long deadlineNs) {
        super(operation, ids.length, deadlineNs);
        this.ids = ids;
        this.decoder = decoder;
    }

    @Override
    void encode(final ByteBuf out) {
        for (final long id : ids) {
            WireCodec.encodeId(out, id);
        }
    }

    @Override
    List<R> decode(final Reply reply) {
        final Map<Long, Integer> positions = reply.positionsById();
        final List<R> found = new ArrayList<>(ids.length);
        for (final long id : ids) {
            final Integer position = positions.get(id);
            if (position != null) {
                found.add(decoder.decode(reply.body(), position));
            }
        }
        return Collections.unmodifiableList(found);
    }
}
