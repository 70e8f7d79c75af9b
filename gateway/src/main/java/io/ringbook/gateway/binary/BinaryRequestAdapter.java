package io.ringbook.gateway.binary;

import io.ringbook.engine.Ringbook;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.pipeline.PublishResult;
import io.ringbook.engine.command.RequestLayout;
import io.ringbook.gateway.GatewayMetrics;
import io.ringbook.protocol.AccountCodec;
import io.ringbook.protocol.AccountFilterCodec;
import io.ringbook.protocol.ErrorCode;
import io.ringbook.protocol.Frame;
import io.ringbook.protocol.IdCodec;
import io.ringbook.protocol.LedgerTotalsRequestCodec;
import io.ringbook.protocol.OperationCode;
import io.ringbook.protocol.QueryFilterCodec;
import io.ringbook.protocol.ReplyHeaderCodec;
import io.ringbook.protocol.RequestHeaderCodec;
import io.ringbook.protocol.TransferCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Turns one request frame into one ring request: checks the header's shape (version, operation, count, body size;
 * never a ledger rule), copies the records straight from the frame into the claimed slots and submits them with a
 * {@link BinaryReplyPublisher} that answers on the reply thread. A request that cannot be submitted is answered at
 * once with an error frame; either way the frame is released here. One per connection, after
 * {@link BinaryFrameDecoder}; its record codecs are this connection's, used on its event loop only (the engine
 * fills the slots from them inside {@code submit}), so decoding allocates nothing per request or event.
 *
 * <p>The one place where a protocol operation code becomes an engine {@link Operation}: {@link #operationOf(int)}.
 */
final class BinaryRequestAdapter extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BinaryRequestAdapter.class);

    private final Ringbook ringbook;
    private final GatewayMetrics metrics;
    private final BinaryFrameDecoder decoder;
    private final BooleanSupplier refusing;
    private final int requestSizeMax;
    private final BinaryReplyPublisher.Codecs replyCodecs = new BinaryReplyPublisher.Codecs();
    private final RequestHeaderCodec header = new RequestHeaderCodec();
    /** For the replies written on this connection's event loop (requests of zero events); not the reply thread's. */
    private final ReplyHeaderCodec replyHeader = new ReplyHeaderCodec();
    private final AccountCodec accounts = new AccountCodec();
    private final TransferCodec transfers = new TransferCodec();
    private final IdCodec ids = new IdCodec();
    private final AccountFilterCodec accountFilter = new AccountFilterCodec();
    private final QueryFilterCodec queryFilter = new QueryFilterCodec();
    private final LedgerTotalsRequestCodec ledgerTotals = new LedgerTotalsRequestCodec();
    private boolean failed;

    /**
     * @param decoder  this connection's decoder: told when each reply was written (flow control)
     * @param refusing true once the server is shutting down: every new request is answered {@code unavailable}
     */
    BinaryRequestAdapter(final Ringbook ringbook, final GatewayMetrics metrics, final BinaryFrameDecoder decoder,
                         final BooleanSupplier refusing) {
        this.ringbook = ringbook;
        this.metrics = metrics;
        this.decoder = decoder;
        this.refusing = refusing;
        this.requestSizeMax = ringbook.config().requestSizeMax();
    }

    /**
     * The engine operation of a protocol operation code ({@link OperationCode}), or null for a code that is not on
     * the wire. The engine's own codes (journal) are kept apart on purpose; {@code OperationCodesTest} fails if the
     * two ever disagree.
     */
    static Operation operationOf(final int code) {
        switch (code) {
            case OperationCode.CREATE_ACCOUNTS:
                return Operation.CREATE_ACCOUNTS;
            case OperationCode.CREATE_TRANSFERS:
                return Operation.CREATE_TRANSFERS;
            case OperationCode.LOOKUP_ACCOUNTS:
                return Operation.LOOKUP_ACCOUNTS;
            case OperationCode.LOOKUP_TRANSFERS:
                return Operation.LOOKUP_TRANSFERS;
            case OperationCode.GET_ACCOUNT_TRANSFERS:
                return Operation.GET_ACCOUNT_TRANSFERS;
            case OperationCode.GET_ACCOUNT_BALANCES:
                return Operation.GET_ACCOUNT_BALANCES;
            case OperationCode.QUERY_ACCOUNTS:
                return Operation.QUERY_ACCOUNTS;
            case OperationCode.QUERY_TRANSFERS:
                return Operation.QUERY_TRANSFERS;
            case OperationCode.GET_LEDGER_TOTALS:
                return Operation.GET_LEDGER_TOTALS;
            case OperationCode.STATE_HASH:
                return Operation.STATE_HASH;
            default:
                return null;
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        final ByteBuf frame = (ByteBuf) msg;
        final long startNs = System.nanoTime();
        try {
            handle(ctx, frame, startNs);
        } finally {
            frame.release();
        }
    }

    /** Closes this connection only; logged once per connection, without a stack trace unless debugging. */
    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        if (!failed) {
            failed = true;
            if (cause instanceof IOException) {
                LOG.debug("binary connection {}: closing after {}", ctx.channel().remoteAddress(), cause.toString());
            } else {
                LOG.warn("binary connection {}: closing after {}", ctx.channel().remoteAddress(), cause.toString());
                LOG.debug("binary connection failure", cause);
            }
        }
        ctx.close();
    }

    private void handle(final ChannelHandlerContext ctx, final ByteBuf frame, final long startNs) {
        header.wrap(frame, 0);
        final int operationCode = header.operation();
        final long requestId = header.requestId();
        final Operation operation = operationOf(operationCode);
        final int error = refusing.getAsBoolean() ? ErrorCode.UNAVAILABLE : check(frame, operation, operationCode);
        if (error != ErrorCode.OK) {
            final GatewayMetrics.Outcome outcome = error == ErrorCode.UNAVAILABLE
                ? GatewayMetrics.Outcome.UNAVAILABLE : GatewayMetrics.Outcome.INVALID;
            reject(ctx, operation, operationCode, requestId, error, outcome, describe(error, frame, operation));
            return;
        }
        final int count = (int) header.count();
        if (count == 0 && OperationCode.isMultiRecord(operationCode)) {
            answerEmpty(ctx, operation, operationCode, requestId, startNs);
            return;
        }
        final BinaryReplyPublisher publisher = new BinaryReplyPublisher(ctx.channel(), decoder, metrics, replyCodecs,
            operation, operationCode, requestId, startNs);
        final PublishResult published = submit(operation, slots(operation, frame, count), frame, publisher);
        switch (published) {
            case PUBLISHED:
                return;
            case BUSY:
                reject(ctx, operation, operationCode, requestId, ErrorCode.BUSY, GatewayMetrics.Outcome.BUSY,
                    "busy: the command ring is full, retry after a short pause");
                return;
            case HALTED:
            case CLOSED:
                reject(ctx, operation, operationCode, requestId, ErrorCode.UNAVAILABLE,
                    GatewayMetrics.Outcome.UNAVAILABLE, "unavailable: the engine is " + (published
                        == PublishResult.HALTED ? "halted after an internal error" : "shutting down"));
                return;
            default:
                throw new IllegalStateException("unknown publish result " + published);
        }
    }

    /** The first shape error of the request (its header wrapped by {@link #header}), or {@link ErrorCode#OK}. */
    private int check(final ByteBuf frame, final Operation operation, final int operationCode) {
        if (header.version() != Frame.VERSION) {
            return ErrorCode.UNSUPPORTED_VERSION;
        }
        if (operation == null) {
            return ErrorCode.UNKNOWN_OPERATION;
        }
        final long count = header.count();
        if (count < countMin(operationCode) || count > countMax(operation, operationCode)) {
            return ErrorCode.INVALID_COUNT;
        }
        final long bodyBytes = frame.readableBytes() - Frame.HEADER_BYTES;
        if (bodyBytes != count * OperationCode.requestRecordBytes(operationCode)) {
            return ErrorCode.INVALID_BODY_SIZE;
        }
        return ErrorCode.OK;
    }

    /** Creates and lookups take zero events (answered with zero records, like TigerBeetle); a filter takes one. */
    private static int countMin(final int operationCode) {
        return OperationCode.isSingleRecord(operationCode) ? 1 : 0;
    }

    private int countMax(final Operation operation, final int operationCode) {
        if (operation == Operation.STATE_HASH) {
            return 0;
        }
        return OperationCode.isSingleRecord(operationCode) ? 1 : requestSizeMax;
    }

    /** Slots the request claims (see {@link RequestLayout}). */
    private int slots(final Operation operation, final ByteBuf frame, final int count) {
        switch (operation) {
            case GET_ACCOUNT_TRANSFERS:
            case GET_ACCOUNT_BALANCES:
                return RequestLayout.sizeForRows(
                    FrameFillers.limit(accountFilter.wrap(frame, Frame.HEADER_BYTES).limit()), requestSizeMax);
            case QUERY_ACCOUNTS:
            case QUERY_TRANSFERS:
                return RequestLayout.sizeForRows(
                    FrameFillers.limit(queryFilter.wrap(frame, Frame.HEADER_BYTES).limit()), requestSizeMax);
            case GET_LEDGER_TOTALS:
                return requestSizeMax;
            case STATE_HASH:
                return 1;
            default:
                return count;
        }
    }

    /** Submits the request, the frame's records copied into the slots through this connection's record codecs. */
    private PublishResult submit(final Operation operation, final int slots, final ByteBuf frame,
                                 final BinaryReplyPublisher publisher) {
        final int body = Frame.HEADER_BYTES;
        switch (operation) {
            case CREATE_ACCOUNTS:
                return ringbook.submit(operation, slots, FrameFillers.ACCOUNTS, accounts.wrap(frame, body), publisher);
            case CREATE_TRANSFERS:
                return ringbook.submit(operation, slots, FrameFillers.TRANSFERS, transfers.wrap(frame, body),
                    publisher);
            case LOOKUP_ACCOUNTS:
            case LOOKUP_TRANSFERS:
                return ringbook.submit(operation, slots, FrameFillers.IDS, ids.wrap(frame, body), publisher);
            case GET_ACCOUNT_TRANSFERS:
            case GET_ACCOUNT_BALANCES:
                return ringbook.submit(operation, slots, FrameFillers.ACCOUNT_FILTER, accountFilter.wrap(frame, body),
                    publisher);
            case QUERY_ACCOUNTS:
            case QUERY_TRANSFERS:
                return ringbook.submit(operation, slots, FrameFillers.QUERY_FILTER, queryFilter.wrap(frame, body),
                    publisher);
            case GET_LEDGER_TOTALS:
                return ringbook.submit(operation, slots, FrameFillers.LEDGER_TOTALS, ledgerTotals.wrap(frame, body),
                    publisher);
            case STATE_HASH:
                return ringbook.submit(operation, slots, RequestLayout.NO_INPUT, frame, publisher);
            default:
                throw new IllegalStateException("not a client operation: " + operation);
        }
    }

    /**
     * Answers a create or lookup of zero events with zero records at once: there is nothing to apply or look up, so
     * nothing reaches the ring or the journal.
     */
    private void answerEmpty(final ChannelHandlerContext ctx, final Operation operation, final int operationCode,
                             final long requestId, final long startNs) {
        final ByteBuf reply = ctx.alloc().buffer(Frame.LENGTH_FIELD_BYTES + Frame.HEADER_BYTES);
        replyHeader.appendFrame(reply, 0).operation(operationCode).error(ErrorCode.OK).count(0).requestId(requestId);
        metrics.request(GatewayMetrics.Protocol.BINARY, operation, GatewayMetrics.Outcome.OK,
            System.nanoTime() - startNs);
        ctx.writeAndFlush(reply).addListener(decoder);
    }

    /** Answers an error for a request that was not submitted; counted per operation when the operation is known. */
    private void reject(final ChannelHandlerContext ctx, final Operation operation, final int operationCode,
                        final long requestId, final int error, final GatewayMetrics.Outcome outcome,
                        final String message) {
        if (operation != null) {
            metrics.request(GatewayMetrics.Protocol.BINARY, operation, outcome, 0);
        }
        ctx.writeAndFlush(BinaryReplyPublisher.errorFrame(ctx.alloc(), operationCode, requestId, error, message))
            .addListener(decoder);
    }

    private String describe(final int error, final ByteBuf frame, final Operation operation) {
        final String name = ErrorCode.name(error) + ": ";
        switch (error) {
            case ErrorCode.UNAVAILABLE:
                return name + "the server is shutting down";
            case ErrorCode.UNSUPPORTED_VERSION:
                return name + "version " + header.version() + ", this server speaks " + Frame.VERSION;
            case ErrorCode.UNKNOWN_OPERATION:
                return name + "operation " + header.operation();
            case ErrorCode.INVALID_COUNT:
                return name + "count " + header.count() + " is outside " + countMin(header.operation()) + ".."
                    + countMax(operation, header.operation()) + " for " + label(operation);
            case ErrorCode.INVALID_BODY_SIZE:
                return name + "body of " + (frame.readableBytes() - Frame.HEADER_BYTES) + " bytes for "
                    + header.count() + " record(s) of " + OperationCode.requestRecordBytes(header.operation())
                    + " bytes (" + label(operation) + ")";
            default:
                return ErrorCode.name(error);
        }
    }

    private static String label(final Operation operation) {
        return operation.name().toLowerCase(Locale.ROOT);
    }
}
