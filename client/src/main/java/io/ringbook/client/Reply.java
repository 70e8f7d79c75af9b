package io.ringbook.client;

import io.netty.buffer.ByteBuf;
import io.ringbook.protocol.ContinuationCodec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The body of an ok reply, read on the I/O thread by the calls of its request while the frame is alive. */
final class Reply {
    private final ByteBuf body;
    private final int count;
    private final int recordSize;
    private Map<Long, Integer> positions;

    Reply(final ByteBuf body, final int count, final int recordSize) {
        this.body = body;
        this.count = count;
        this.recordSize = recordSize;
    }

    ByteBuf body() {
        return body;
    }

    int count() {
        return count;
    }

    /**
     * The continuation of a query reply: the Continuation trailer after the rows if the ledger stopped at its scan
     * budget, else 0 (the scan reached the end).
     */
    long continuation() {
        final int rowBytes = count * recordSize;
        return body.readableBytes() == rowBytes + ContinuationCodec.BYTES
            ? new ContinuationCodec().wrap(body, rowBytes).continuation() : 0;
    }

    /** Every record, in reply order. */
    <R> List<R> records(final Call.RecordDecoder<R> decoder) {
        final List<R> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(decoder.decode(body, i * recordSize));
        }
        return Collections.unmodifiableList(records);
    }

    /** Position of the first record with each id, built once (every call of a lookup reads the same records). */
    Map<Long, Integer> positionsById(final Call.IdReader idReader) {
        if (positions == null) {
            positions = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                positions.putIfAbsent(idReader.id(body, i * recordSize), i * recordSize);
            }
        }
        return positions;
    }
}
