package io.ringbook.client;

import io.ringbook.protocol.IdCodec;
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
    private final IdReader idReader;

    LookupCall(final int operation, final long[] ids, final RecordDecoder<R> decoder, final IdReader idReader,
               final long deadlineNs) {
        super(operation, ids.length, deadlineNs);
        this.ids = ids;
        this.decoder = decoder;
        this.idReader = idReader;
    }

    @Override
    void encode(final ByteBuf out) {
        final IdCodec record = new IdCodec();
        for (final long id : ids) {
            record.append(out).id(id);
        }
    }

    @Override
    List<R> decode(final Reply reply) {
        final Map<Long, Integer> positions = reply.positionsById(idReader);
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
