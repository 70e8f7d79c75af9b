package io.ringbook.gateway.binary;

import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.pipeline.RequestCallback;
import io.ringbook.engine.command.RequestLayout;
import io.ringbook.gateway.GatewayMetrics;
import io.ringbook.protocol.AccountBalanceCodec;
import io.ringbook.protocol.AccountCodec;
import io.ringbook.protocol.CodeTotalsCodec;
import io.ringbook.protocol.ContinuationCodec;
import io.ringbook.protocol.CreateResultCodec;
import io.ringbook.protocol.ErrorCode;
import io.ringbook.protocol.Frame;
import io.ringbook.protocol.OperationCode;
import io.ringbook.protocol.ReplyHeaderCodec;
import io.ringbook.protocol.StateHashCodec;
import io.ringbook.protocol.TransferCodec;
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
 *   queries, totals  slot 0's resultCount rows from slot 0 on; for a query whose scan stopped at the budget, a
 *                    Continuation trailer (slot 0's value)
 *   state_hash       slot 0's value
 * </pre>
 *
 * <p>The records are written through the protocol's codecs of the connection's {@link Codecs}, which only the engine's
 * (single) reply thread uses, so encoding allocates nothing but the reply buffer.
 */
final class BinaryReplyPublisher implements RequestCallback {
    private static final Logger LOG = LoggerFactory.getLogger(BinaryReplyPublisher.class);

    private final Channel channel;
    private final ChannelFutureListener written;
    private final GatewayMetrics metrics;
    private final Codecs codecs;
    private final Operation operation;
    private final int operationCode;
    private final long requestId;
    private final long startNs;

    /**
     * @param written       told (on the event loop) when the reply was written to the connection, for flow control
     * @param codecs        the connection's reply codecs (used on the reply thread only)
     * @param operationCode the request's protocol operation code, echoed in the reply
     * @param startNs       {@link System#nanoTime()} when the request frame was decoded
     */
    BinaryReplyPublisher(final Channel channel, final ChannelFutureListener written, final GatewayMetrics metrics,
                         final Codecs codecs, final Operation operation, final int operationCode,
                         final long requestId, final long startNs) {
        this.channel = channel;
        this.written = written;
        this.metrics = metrics;
        this.codecs = codecs;
        this.operation = operation;
        this.operationCode = operationCode;
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
        final long continuation = OperationCode.isQuery(operationCode) ? request.get(0).value : 0;
        ByteBuf reply = null;
        try {
            reply = begin(count, continuation != 0);
            writeRecords(reply, request);
            if (continuation != 0) {
                codecs.continuation.append(reply).continuation(continuation);
            }
            assert reply.readableBytes() == Frame.LENGTH_FIELD_BYTES + reply.getIntLE(0) : "reply length";
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
            channel.writeAndFlush(errorFrame(channel.alloc(), operationCode, requestId, ErrorCode.UNAVAILABLE,
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
        final ByteBuf out = alloc.buffer(Frame.LENGTH_FIELD_BYTES + Frame.HEADER_BYTES + messageBytes);
        new ReplyHeaderCodec().appendFrame(out, messageBytes).operation(operationCode).error(error)
            .requestId(requestId);
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
                final CreateResultCodec result = codecs.createResult;
                for (int i = 0; i < request.size(); i++) {
                    final Command slot = request.get(i);
                    result.append(out).status(slot.status).timestamp(slot.resultTimestamp);
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
                codecs.stateHash.append(out).stateHash(request.get(0).value);
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

    /** A buffer holding the ok reply header for {@code count} records (and a trailer), sized for the whole frame. */
    private ByteBuf begin(final int count, final boolean trailer) {
        final int bodyBytes = count * OperationCode.replyRecordBytes(operationCode)
            + (trailer ? ContinuationCodec.BYTES : 0);
        final ByteBuf out = channel.alloc().buffer(Frame.LENGTH_FIELD_BYTES + Frame.HEADER_BYTES + bodyBytes);
        codecs.header.appendFrame(out, bodyBytes).operation(operationCode).error(ErrorCode.OK).count(count)
            .requestId(requestId);
        return out;
    }

    private void writeRow(final ByteBuf out, final Command slot) {
        switch (operation) {
            case LOOKUP_ACCOUNTS:
            case QUERY_ACCOUNTS:
                writeAccount(codecs.account.append(out), slot);
                break;
            case LOOKUP_TRANSFERS:
            case GET_ACCOUNT_TRANSFERS:
            case QUERY_TRANSFERS:
                writeTransfer(codecs.transfer.append(out), slot);
                break;
            case GET_ACCOUNT_BALANCES:
                codecs.balance.append(out).timestamp(slot.timestamp).debitsPending(slot.debitsPending)
                    .debitsPosted(slot.debitsPosted).creditsPending(slot.creditsPending)
                    .creditsPosted(slot.creditsPosted);
                break;
            case GET_LEDGER_TOTALS:
                writeCodeTotals(codecs.codeTotals.append(out), slot);
                break;
            default:
                throw new IllegalStateException("no record rows for " + operation);
        }
    }

    private static void writeAccount(final AccountCodec record, final Command slot) {
        record.id(slot.id)
            .debitsPending(slot.debitsPending)
            .debitsPosted(slot.debitsPosted)
            .creditsPending(slot.creditsPending)
            .creditsPosted(slot.creditsPosted)
            .userData128Lo(slot.userData128Lo)
            .userData128Hi(slot.userData128Hi)
            .userData64(slot.userData64)
            .userData32(slot.userData32)
            .ledger(slot.ledger)
            .code(slot.code)
            .flags(slot.flags)
            .timestamp(slot.timestamp);
    }

    private static void writeTransfer(final TransferCodec record, final Command slot) {
        record.id(slot.id)
            .debitAccountId(slot.debitAccountId)
            .creditAccountId(slot.creditAccountId)
            .amount(slot.amount)
            .pendingId(slot.pendingId)
            .reversesId(slot.reversesId)
            .userData128Lo(slot.userData128Lo)
            .userData128Hi(slot.userData128Hi)
            .userData64(slot.userData64)
            .userData32(slot.userData32)
            .timeout(slot.timeout)
            .ledger(slot.ledger)
            .code(slot.code)
            .flags(slot.flags)
            .timestamp(slot.timestamp)
            .reversedAmount(slot.reversedAmount);
    }

    /** Each sum is a u128: the low word from the balance field, the high word from its {@code *Hi} field. */
    private static void writeCodeTotals(final CodeTotalsCodec record, final Command slot) {
        record.ledger(slot.ledger)
            .code(slot.code)
            .accounts(slot.id)
            .debitsPendingLo(slot.debitsPending)
            .debitsPendingHi(slot.debitsPendingHi)
            .debitsPostedLo(slot.debitsPosted)
            .debitsPostedHi(slot.debitsPostedHi)
            .creditsPendingLo(slot.creditsPending)
            .creditsPendingHi(slot.creditsPendingHi)
            .creditsPostedLo(slot.creditsPosted)
            .creditsPostedHi(slot.creditsPostedHi);
    }

    /**
     * The reply codecs of one connection. Used only on the engine's reply thread, which answers one request at a
     * time, so a connection's replies share them without allocating.
     */
    static final class Codecs {
        final ReplyHeaderCodec header = new ReplyHeaderCodec();
        final CreateResultCodec createResult = new CreateResultCodec();
        final AccountCodec account = new AccountCodec();
        final TransferCodec transfer = new TransferCodec();
        final AccountBalanceCodec balance = new AccountBalanceCodec();
        final CodeTotalsCodec codeTotals = new CodeTotalsCodec();
        final StateHashCodec stateHash = new StateHashCodec();
        final ContinuationCodec continuation = new ContinuationCodec();
    }
}
