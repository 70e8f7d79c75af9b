package io.ringbook.gateway.binary;

import io.ringbook.engine.command.Operation;
import io.ringbook.gateway.GatewayMetrics;
import io.ringbook.protocol.ErrorCode;
import io.ringbook.protocol.Frame;
import io.ringbook.protocol.RequestHeaderCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Cuts one connection's bytes into request frames and is its flow control: the first handler of a binary connection,
 * one per connection, used only on its event loop.
 *
 * <ul>
 *   <li>The length prefix is checked as soon as its 4 bytes arrive: below 16 or above the frame limit answers
 *   {@code frame_too_large} (request id 0) and closes, without waiting for the body.</li>
 *   <li>Each whole frame is passed on as a retained slice without the length prefix (the next handler releases it)
 *   and counts as in flight until its reply was written to the socket. At {@code maxInFlight} unanswered requests,
 *   or while the connection is not writable (its client does not read replies), no further frame is passed on and
 *   the socket is not read ({@code autoRead} off); both resume when replies are written. Memory per connection is
 *   one frame being read plus what the last socket read brought, plus the replies not yet written.</li>
 *   <li>A connection that stops sending in the middle of a frame for longer than the read timeout, while the server
 *   is reading it, is closed. A connection idle between frames is left alone.</li>
 * </ul>
 */
final class BinaryFrameDecoder extends ChannelInboundHandlerAdapter implements ChannelFutureListener {
    private static final Logger LOG = LoggerFactory.getLogger(BinaryFrameDecoder.class);

    private final int frameMaxBytes;
    private final int maxInFlight;
    private final long readTimeoutNs;
    private final GatewayMetrics metrics;
    private final Runnable stallCheck = this::checkStall;

    private ChannelHandlerContext ctx;
    private ByteBuf cumulation;
    private int inFlight;
    private boolean draining;
    private boolean closed;
    private boolean stallCheckArmed;
    /** When bytes last arrived, or reading last resumed: the start of a stall. */
    private long progressNs;

    BinaryFrameDecoder(final int frameMaxBytes, final int maxInFlight, final long readTimeoutNs,
                       final GatewayMetrics metrics) {
        this.frameMaxBytes = frameMaxBytes;
        this.maxInFlight = maxInFlight;
        this.readTimeoutNs = readTimeoutNs;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext context) {
        ctx = context;
    }

    @Override
    public void channelRead(final ChannelHandlerContext context, final Object msg) {
        if (!(msg instanceof ByteBuf)) {
            context.fireChannelRead(msg);
            return;
        }
        final ByteBuf data = (ByteBuf) msg;
        if (closed) {
            data.release();
            return;
        }
        cumulation = cumulation == null ? data
            : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(context.alloc(), cumulation, data);
        progressNs = System.nanoTime();
        drain();
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext context) {
        drain();
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext context) {
        shut();
        context.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext context) {
        shut();
    }

    /** A reply of this connection was written (or failed because the connection closed): one request less in flight. */
    @Override
    public void operationComplete(final ChannelFuture future) {
        inFlight--;
        if (!draining) {
            drain();
        }
    }

    /** Requests passed on whose reply was not yet written. */
    int inFlight() {
        return inFlight;
    }

    /** Passes on every whole frame while the gate is open, then reads the socket only if the gate is open. */
    private void drain() {
        if (closed) {
            return;
        }
        draining = true;
        try {
            while (cumulation != null && gateOpen()) {
                final int readable = cumulation.readableBytes();
                if (readable < Frame.LENGTH_FIELD_BYTES) {
                    break;
                }
                final long length = cumulation.getUnsignedIntLE(cumulation.readerIndex());
                if (length < Frame.HEADER_BYTES || length > frameMaxBytes) {
                    rejectLength(length);
                    return;
                }
                if (readable < Frame.LENGTH_FIELD_BYTES + length) {
                    break;
                }
                cumulation.skipBytes(Frame.LENGTH_FIELD_BYTES);
                final ByteBuf frame = cumulation.readRetainedSlice((int) length);
                inFlight++;
                ctx.fireChannelRead(frame);
            }
        } finally {
            draining = false;
        }
        compact();
        updateReading();
    }

    private boolean gateOpen() {
        return !closed && inFlight < maxInFlight && ctx.channel().isWritable();
    }

    private void compact() {
        if (cumulation == null) {
            return;
        }
        if (!cumulation.isReadable()) {
            cumulation.release();
            cumulation = null;
        } else if (cumulation.refCnt() == 1) {
            cumulation.discardSomeReadBytes();
        }
    }

    private void updateReading() {
        if (closed) {
            return;
        }
        final boolean open = gateOpen();
        if (ctx.channel().config().isAutoRead() != open) {
            ctx.channel().config().setAutoRead(open);
            if (open) {
                progressNs = System.nanoTime();
            }
        }
        if (open && cumulation != null && !stallCheckArmed) {
            stallCheckArmed = true;
            ctx.executor().schedule(stallCheck, readTimeoutNs, TimeUnit.NANOSECONDS);
        }
    }

    /** Closes a connection that has been reading a partial frame without progress for the read timeout. */
    private void checkStall() {
        stallCheckArmed = false;
        if (closed || cumulation == null || !gateOpen()) {
            return;
        }
        final long stalledNs = System.nanoTime() - progressNs;
        if (stalledNs >= readTimeoutNs) {
            LOG.debug("binary connection {}: closed, stuck in the middle of a frame for {} ms",
                ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(stalledNs));
            shut();
            ctx.close();
            return;
        }
        stallCheckArmed = true;
        ctx.executor().schedule(stallCheck, readTimeoutNs - stalledNs, TimeUnit.NANOSECONDS);
    }

    /** A length outside 16..frame limit: answer frame_too_large without reading the body, then close. */
    private void rejectLength(final long length) {
        // An oversized frame's header is real: count it under its operation when that byte already arrived.
        final RequestHeaderCodec header =
            new RequestHeaderCodec().wrap(cumulation, cumulation.readerIndex() + Frame.LENGTH_FIELD_BYTES);
        final Operation operation = length > frameMaxBytes && header.hasOperation()
            ? BinaryRequestAdapter.operationOf(header.operation()) : null;
        if (operation != null) {
            metrics.request(GatewayMetrics.Protocol.BINARY, operation, GatewayMetrics.Outcome.INVALID, 0);
        }
        shut();
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(BinaryReplyPublisher.errorFrame(ctx.alloc(), 0, 0, ErrorCode.FRAME_TOO_LARGE,
                "frame_too_large: length " + length + " is outside " + Frame.HEADER_BYTES + ".." + frameMaxBytes))
            .addListener(ChannelFutureListener.CLOSE);
    }

    /** No more frames from this connection: drops what was buffered. */
    private void shut() {
        closed = true;
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }
}
