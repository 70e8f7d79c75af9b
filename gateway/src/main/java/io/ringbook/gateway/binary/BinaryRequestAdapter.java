package io.ringbook.gateway.binary;

import io.ringbook.client.Protocol;
import io.ringbook.engine.Ringbook;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.pipeline.PublishResult;
import io.ringbook.engine.command.RequestLayout;
import io.ringbook.engine.command.CommandFiller;
import io.ringbook.gateway.GatewayMetrics;
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
 * {@link BinaryFrameDecoder}.
 */
final class BinaryRequestAdapter extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BinaryRequestAdapter.class);

    private final Ringbook ringbook;
    private final GatewayMetrics metrics;
    private final BinaryFrameDecoder decoder;
    private final BooleanSupplier refusing;
    private final int requestSizeMax;
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

    /** The operation of a client operation code (1-9 and 11), or null: pulse and snapshot are engine-internal. */
    static Operation operationOf(final int code) {
        if (code == Operation.PULSE.code() || code == Operation.SNAPSHOT.code()) {
            return null;
        }
        return Operation.ofCode(code);
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
        final int operationCode = frame.getUnsignedByte(Protocol.HEADER_OPERATION);
        final long requestId = frame.getLongLE(Protocol.HEADER_REQUEST_ID);
        final Operation operation = operationOf(operationCode);
        final int error = refusing.getAsBoolean() ? Protocol.ERROR_UNAVAILABLE : check(frame, operation);
        if (error != Protocol.OK) {
            final GatewayMetrics.Outcome outcome = error == Protocol.ERROR_UNAVAILABLE
                ? GatewayMetrics.Outcome.UNAVAILABLE : GatewayMetrics.Outcome.INVALID;
            reject(ctx, operation, operationCode, requestId, error, outcome, describe(error, frame, operation));
            return;
        }
        final int count = (int) frame.getUnsignedIntLE(Protocol.HEADER_COUNT);
        final BinaryReplyPublisher publisher =
            new BinaryReplyPublisher(ctx.channel(), decoder, metrics, operation, requestId, startNs);
        final PublishResult published =
            ringbook.submit(operation, slots(operation, frame, count), filler(operation), frame, publisher);
        switch (published) {
            case PUBLISHED:
                return;
            case BUSY:
                reject(ctx, operation, operationCode, requestId, Protocol.ERROR_BUSY, GatewayMetrics.Outcome.BUSY,
                    "busy: the command ring is full, retry after a short pause");
                return;
            case HALTED:
            case CLOSED:
                reject(ctx, operation, operationCode, requestId, Protocol.ERROR_UNAVAILABLE,
                    GatewayMetrics.Outcome.UNAVAILABLE, "unavailable: the engine is " + (published
                        == PublishResult.HALTED ? "halted after an internal error" : "shutting down"));
                return;
            default:
                throw new IllegalStateException("unknown publish result " + published);
        }
    }

    /** The first shape error of the request, or {@link Protocol#OK}. */
    private int check(final ByteBuf frame, final Operation operation) {
        if (frame.getUnsignedByte(Protocol.HEADER_VERSION) != Protocol.VERSION) {
            return Protocol.ERROR_UNSUPPORTED_VERSION;
        }
        if (operation == null) {
            return Protocol.ERROR_UNKNOWN_OPERATION;
        }
        final long count = frame.getUnsignedIntLE(Protocol.HEADER_COUNT);
        if (count < countMin(operation) || count > countMax(operation)) {
            return Protocol.ERROR_INVALID_COUNT;
        }
        final long bodyBytes = frame.readableBytes() - Protocol.HEADER;
        if (bodyBytes != count * Protocol.requestRecord(operation.code())) {
            return Protocol.ERROR_INVALID_BODY_SIZE;
        }
        return Protocol.OK;
    }

    private static int countMin(final Operation operation) {
        return operation == Operation.STATE_HASH ? 0 : 1;
    }

    private int countMax(final Operation operation) {
        if (operation == Operation.STATE_HASH) {
            return 0;
        }
        return Protocol.isSingleRecord(operation.code()) ? 1 : requestSizeMax;
    }

    /** Slots the request claims (see {@link RequestLayout}). */
    private int slots(final Operation operation, final ByteBuf frame, final int count) {
        switch (operation) {
            case GET_ACCOUNT_TRANSFERS:
            case GET_ACCOUNT_BALANCES:
                return RequestLayout.sizeForRows(
                    FrameFillers.limit(frame, Protocol.HEADER + Protocol.ACCOUNT_FILTER_LIMIT), requestSizeMax);
            case QUERY_ACCOUNTS:
            case QUERY_TRANSFERS:
                return RequestLayout.sizeForRows(
                    FrameFillers.limit(frame, Protocol.HEADER + Protocol.QUERY_FILTER_LIMIT), requestSizeMax);
            case GET_LEDGER_TOTALS:
                return requestSizeMax;
            case STATE_HASH:
                return 1;
            default:
                return count;
        }
    }

    private static CommandFiller<? super ByteBuf> filler(final Operation operation) {
        switch (operation) {
            case CREATE_ACCOUNTS:
                return FrameFillers.ACCOUNTS;
            case CREATE_TRANSFERS:
                return FrameFillers.TRANSFERS;
            case LOOKUP_ACCOUNTS:
            case LOOKUP_TRANSFERS:
                return FrameFillers.IDS;
            case GET_ACCOUNT_TRANSFERS:
            case GET_ACCOUNT_BALANCES:
                return FrameFillers.ACCOUNT_FILTER;
            case QUERY_ACCOUNTS:
            case QUERY_TRANSFERS:
                return FrameFillers.QUERY_FILTER;
            case GET_LEDGER_TOTALS:
                return FrameFillers.LEDGER_TOTALS;
            case STATE_HASH:
                return RequestLayout.NO_INPUT;
            default:
                throw new IllegalStateException("not a client operation: " + operation);
        }
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
        final String name = Protocol.errorName(error) + ": ";
        switch (error) {
            case Protocol.ERROR_UNAVAILABLE:
                return name + "the server is shutting down";
            case Protocol.ERROR_UNSUPPORTED_VERSION:
                return name + "version " + frame.getUnsignedByte(Protocol.HEADER_VERSION) + ", this server speaks "
                    + Protocol.VERSION;
            case Protocol.ERROR_UNKNOWN_OPERATION:
                return name + "operation " + frame.getUnsignedByte(Protocol.HEADER_OPERATION);
            case Protocol.ERROR_INVALID_COUNT:
                return name + "count " + frame.getUnsignedIntLE(Protocol.HEADER_COUNT) + " is outside "
                    + countMin(operation) + ".." + countMax(operation) + " for " + label(operation);
            case Protocol.ERROR_INVALID_BODY_SIZE:
                return name + "body of " + (frame.readableBytes() - Protocol.HEADER) + " bytes for "
                    + frame.getUnsignedIntLE(Protocol.HEADER_COUNT) + " record(s) of "
                    + Protocol.requestRecord(operation.code()) + " bytes (" + label(operation) + ")";
            default:
                return Protocol.errorName(error);
        }
    }

    private static String label(final Operation operation) {
        return operation.name().toLowerCase(Locale.ROOT);
    }
}
