package io.ringbook.gateway.binary;

import io.ringbook.client.Protocol;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.pipeline.RequestCallback;
import io.ringbook.engine.command.RequestLayout;
import io.ringbook.gateway.GatewayMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one submitted binary request on the engine's reply thread: encodes the results straight from the ring
 * slots into one buffer from the connection's allocator and hands it to the connection. Never blocks the reply
 * thread (the write is queued to the connection's event loop); a connection that is gone gets nothing allocated.
 *
 * <pre>
 *   reply frame: length u32 | version u8 | operation u8 | error u16 | count u32 | request_id u64 | count records
 *   create_*         one CreateResult per slot: status, resultTimestamp
 *   lookup_*         the slots with status FOUND, in request order
 *   queries, totals  slot 0's resultCount rows from slot 0 on
 *   state_hash       slot 0's value
 * </pre>
 */
final class BinaryReplyPublisher implements RequestCallback {
    private static final Logger LOG = LoggerFactory.getLogger(BinaryReplyPublisher.class);

    private final Channel channel;
    private final ChannelFutureListener written;
    private final GatewayMetrics metrics;
    private final Operation operation;
    private final long requestId;
    private final long startNs;

    /**
     * @param written told (on the event loop) when the reply was written to the connection, for flow control
     * @param startNs {@link System#nanoTime()} when the request frame was decoded
     */
    BinaryReplyPublisher(final Channel channel, final ChannelFutureListener written, final GatewayMetrics metrics,
                         final Operation operation, final long requestId, final long startNs) {
        this.channel = channel;
        this.written = written;
        this.metrics = metrics;
        this.operation = operation;
        this.requestId = requestId;
        this.startNs = startNs;
    }

    @Override
    public void onReply(final CommandRequest request) {
        if (operation == Operation.CREATE_ACCOUNTS || operation == Operation.CREATE_TRANSFERS) {
            countResults(request);
        }
        if (!channel.isActive()) {
            metrics.request(GatewayMetrics.Protocol.BINARY, operation, GatewayMetrics.Outcome.OK,
                System.nanoTime() - startNs);
            return;
        }
        final int count = replyRecords(request);
        ByteBuf reply = null;
        try {
            reply = begin(count);
            writeRecords(reply, request);
            assert reply.readableBytes() == Protocol.LENGTH_FIELD + reply.getIntLE(0) : "reply length";
        } catch (final RuntimeException | OutOfMemoryError e) {
            // Only this connection's reply is lost (for example no direct memory for a large one), never the engine:
            // a throwable escaping here would halt it. The client sees the connection close and retries by id.
            if (reply != null) {
                reply.release();
            }
            LOG.warn("binary connection {}: closing, could not encode the reply of request {}: {}",
                channel.remoteAddress(), requestId, e.toString());
            channel.close();
            return;
        }
        metrics.request(GatewayMetrics.Protocol.BINARY, operation, GatewayMetrics.Outcome.OK,
            System.nanoTime() - startNs);
        channel.writeAndFlush(reply).addListener(written);
    }

    @Override
    public void onHalted(final Throwable cause) {
        metrics.request(GatewayMetrics.Protocol.BINARY, operation, GatewayMetrics.Outcome.UNAVAILABLE,
            System.nanoTime() - startNs);
        if (channel.isActive()) {
            channel.writeAndFlush(errorFrame(channel.alloc(), operation.code(), requestId, Protocol.ERROR_UNAVAILABLE,
                "unavailable: the engine halted after an internal error")).addListener(written);
        }
    }

    /**
     * An error reply: the request was not applied. The body is a UTF-8 message for humans.
     *
     * @param operationCode the operation byte of the request, echoed
     */
    static ByteBuf errorFrame(final ByteBufAllocator alloc, final int operationCode, final long requestId,
                              final int error, final String message) {
        final int messageBytes = ByteBufUtil.utf8Bytes(message);
        final ByteBuf out = alloc.buffer(Protocol.LENGTH_FIELD + Protocol.HEADER + messageBytes);
        writeHeader(out, Protocol.HEADER + messageBytes, operationCode, error, 0, requestId);
        ByteBufUtil.writeUtf8(out, message);
        return out;
    }

    /** How many records the reply carries. */
    private int replyRecords(final CommandRequest request) {
        switch (operation) {
            case CREATE_ACCOUNTS:
            case CREATE_TRANSFERS:
                return request.size();
            case LOOKUP_ACCOUNTS:
            case LOOKUP_TRANSFERS:
                int found = 0;
                for (int i = 0; i < request.size(); i++) {
                    if (request.get(i).status == RequestLayout.FOUND) {
                        found++;
                    }
                }
                return found;
            case STATE_HASH:
                return 1;
            default:
                return request.get(0).resultCount;
        }
    }

    private void writeRecords(final ByteBuf out, final CommandRequest request) {
        switch (operation) {
            case CREATE_ACCOUNTS:
            case CREATE_TRANSFERS:
                for (int i = 0; i < request.size(); i++) {
                    final Command slot = request.get(i);
                    final int base = record(out, Protocol.CREATE_RESULT);
                    out.setIntLE(base + Protocol.RESULT_STATUS, slot.status);
                    out.setLongLE(base + Protocol.RESULT_TIMESTAMP, slot.resultTimestamp);
                }
                break;
            case LOOKUP_ACCOUNTS:
            case LOOKUP_TRANSFERS:
                for (int i = 0; i < request.size(); i++) {
                    if (request.get(i).status == RequestLayout.FOUND) {
                        writeRow(out, request.get(i));
                    }
                }
                break;
            case STATE_HASH:
                out.writeLongLE(request.get(0).value);
                break;
            default:
                for (int i = 0; i < request.get(0).resultCount; i++) {
                    writeRow(out, request.get(i));
                }
                break;
        }
    }

    /** Adds runs of equal create results to the metrics at once. */
    private void countResults(final CommandRequest request) {
        int runStatus = request.get(0).status;
        int runLength = 0;
        for (int i = 0; i < request.size(); i++) {
            final int status = request.get(i).status;
            if (status != runStatus) {
                metrics.results(operation, runStatus, runLength);
                runStatus = status;
                runLength = 0;
            }
            runLength++;
        }
        metrics.results(operation, runStatus, runLength);
    }

    /** A buffer holding the ok reply header for {@code count} records, sized for the whole frame. */
    private ByteBuf begin(final int count) {
        final int length = Protocol.HEADER + count * Protocol.replyRecord(operation.code());
        final ByteBuf out = channel.alloc().buffer(Protocol.LENGTH_FIELD + length);
        writeHeader(out, length, operation.code(), Protocol.OK, count, requestId);
        return out;
    }

    private static void writeHeader(final ByteBuf out, final int length, final int operationCode, final int error,
                                    final int count, final long requestId) {
        out.writeIntLE(length)
            .writeByte(Protocol.VERSION)
            .writeByte(operationCode)
            .writeShortLE(error)
            .writeIntLE(count)
            .writeLongLE(requestId);
    }

    /** Appends a zeroed record of {@code size} bytes (reserved fields stay zero) and returns where it starts. */
    private static int record(final ByteBuf out, final int size) {
        final int base = out.writerIndex();
        out.writeZero(size);
        return base;
    }

    private void writeRow(final ByteBuf out, final Command slot) {
        switch (operation) {
            case LOOKUP_ACCOUNTS:
            case QUERY_ACCOUNTS:
                writeAccount(out, slot);
                break;
            case LOOKUP_TRANSFERS:
            case GET_ACCOUNT_TRANSFERS:
            case QUERY_TRANSFERS:
                writeTransfer(out, slot);
                break;
            case GET_ACCOUNT_BALANCES:
                writeBalance(out, slot);
                break;
            case GET_LEDGER_TOTALS:
                writeCodeTotals(out, slot);
                break;
            default:
                throw new IllegalStateException("no record rows for " + operation);
        }
    }

    private static void writeAccount(final ByteBuf out, final Command slot) {
        final int base = record(out, Protocol.ACCOUNT);
        out.setLongLE(base + Protocol.ACCOUNT_ID, slot.id);
        out.setLongLE(base + Protocol.ACCOUNT_DEBITS_PENDING, slot.debitsPending);
        out.setLongLE(base + Protocol.ACCOUNT_DEBITS_POSTED, slot.debitsPosted);
        out.setLongLE(base + Protocol.ACCOUNT_CREDITS_PENDING, slot.creditsPending);
        out.setLongLE(base + Protocol.ACCOUNT_CREDITS_POSTED, slot.creditsPosted);
        out.setLongLE(base + Protocol.ACCOUNT_USER_DATA_128_LO, slot.userData128Lo);
        out.setLongLE(base + Protocol.ACCOUNT_USER_DATA_128_HI, slot.userData128Hi);
        out.setLongLE(base + Protocol.ACCOUNT_USER_DATA_64, slot.userData64);
        out.setIntLE(base + Protocol.ACCOUNT_USER_DATA_32, slot.userData32);
        out.setIntLE(base + Protocol.ACCOUNT_LEDGER, slot.ledger);
        out.setShortLE(base + Protocol.ACCOUNT_CODE, slot.code);
        out.setShortLE(base + Protocol.ACCOUNT_FLAGS, slot.flags);
        out.setLongLE(base + Protocol.ACCOUNT_TIMESTAMP, slot.timestamp);
    }

    private static void writeTransfer(final ByteBuf out, final Command slot) {
        final int base = record(out, Protocol.TRANSFER);
        out.setLongLE(base + Protocol.TRANSFER_ID, slot.id);
        out.setLongLE(base + Protocol.TRANSFER_DEBIT_ACCOUNT_ID, slot.debitAccountId);
        out.setLongLE(base + Protocol.TRANSFER_CREDIT_ACCOUNT_ID, slot.creditAccountId);
        out.setLongLE(base + Protocol.TRANSFER_AMOUNT, slot.amount);
        out.setLongLE(base + Protocol.TRANSFER_PENDING_ID, slot.pendingId);
        out.setLongLE(base + Protocol.TRANSFER_REVERSES_ID, slot.reversesId);
        out.setLongLE(base + Protocol.TRANSFER_USER_DATA_128_LO, slot.userData128Lo);
        out.setLongLE(base + Protocol.TRANSFER_USER_DATA_128_HI, slot.userData128Hi);
        out.setLongLE(base + Protocol.TRANSFER_USER_DATA_64, slot.userData64);
        out.setIntLE(base + Protocol.TRANSFER_USER_DATA_32, slot.userData32);
        out.setIntLE(base + Protocol.TRANSFER_TIMEOUT, slot.timeout);
        out.setIntLE(base + Protocol.TRANSFER_LEDGER, slot.ledger);
        out.setShortLE(base + Protocol.TRANSFER_CODE, slot.code);
        out.setShortLE(base + Protocol.TRANSFER_FLAGS, slot.flags);
        out.setLongLE(base + Protocol.TRANSFER_TIMESTAMP, slot.timestamp);
        out.setLongLE(base + Protocol.TRANSFER_REVERSED_AMOUNT, slot.reversedAmount);
    }

    private static void writeBalance(final ByteBuf out, final Command slot) {
        final int base = record(out, Protocol.ACCOUNT_BALANCE);
        out.setLongLE(base + Protocol.BALANCE_TIMESTAMP, slot.timestamp);
        out.setLongLE(base + Protocol.BALANCE_DEBITS_PENDING, slot.debitsPending);
        out.setLongLE(base + Protocol.BALANCE_DEBITS_POSTED, slot.debitsPosted);
        out.setLongLE(base + Protocol.BALANCE_CREDITS_PENDING, slot.creditsPending);
        out.setLongLE(base + Protocol.BALANCE_CREDITS_POSTED, slot.creditsPosted);
    }

    /** Each sum is a u128: the low word from the balance field, the high word from its {@code *Hi} field. */
    private static void writeCodeTotals(final ByteBuf out, final Command slot) {
        final int base = record(out, Protocol.CODE_TOTALS);
        out.setIntLE(base + Protocol.TOTALS_LEDGER, slot.ledger);
        out.setShortLE(base + Protocol.TOTALS_CODE, slot.code);
        out.setLongLE(base + Protocol.TOTALS_ACCOUNTS, slot.id);
        out.setLongLE(base + Protocol.TOTALS_DEBITS_PENDING, slot.debitsPending);
        out.setLongLE(base + Protocol.TOTALS_DEBITS_PENDING + Long.BYTES, slot.debitsPendingHi);
        out.setLongLE(base + Protocol.TOTALS_DEBITS_POSTED, slot.debitsPosted);
        out.setLongLE(base + Protocol.TOTALS_DEBITS_POSTED + Long.BYTES, slot.debitsPostedHi);
        out.setLongLE(base + Protocol.TOTALS_CREDITS_PENDING, slot.creditsPending);
        out.setLongLE(base + Protocol.TOTALS_CREDITS_PENDING + Long.BYTES, slot.creditsPendingHi);
        out.setLongLE(base + Protocol.TOTALS_CREDITS_POSTED, slot.creditsPosted);
        out.setLongLE(base + Protocol.TOTALS_CREDITS_POSTED + Long.BYTES, slot.creditsPostedHi);
    }
}
