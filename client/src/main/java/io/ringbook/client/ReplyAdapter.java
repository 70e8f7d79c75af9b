package io.ringbook.client;

import io.ringbook.protocol.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;

/**
 * Decodes the server's byte stream into reply frames and hands each to the {@link Dispatcher}. Frames are accepted
 * up to the protocol's ceiling ({@link Frame#FRAME_MAX_BYTES}); anything larger, or any failure, closes the connection,
 * after which the dispatcher reconnects and resends what was unanswered.
 */
final class ReplyAdapter extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyAdapter.class);

    private final Dispatcher dispatcher;

    ReplyAdapter(final Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** The pipeline of every client connection: length-prefixed frames, then this adapter. */
    static ChannelInitializer<Channel> initializer(final Dispatcher dispatcher) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(final Channel channel) {
                channel.pipeline().addLast(
                    new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN,
                        Frame.LENGTH_FIELD_BYTES + Frame.FRAME_MAX_BYTES, 0, Frame.LENGTH_FIELD_BYTES, 0,
                        Frame.LENGTH_FIELD_BYTES, true),
                    new ReplyAdapter(dispatcher));
            }
        };
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        final ByteBuf frame = (ByteBuf) msg;
        try {
            dispatcher.onReply(ctx.channel(), frame);
        } finally {
            frame.release();
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        LOG.warn("closing the connection to {} after an error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
