package io.ringbook.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * First handler of a connection, in front of the HTTP codec. Closes a connection that stopped sending in the middle
 * of a request (bytes arrived since the last complete request, then nothing for the read timeout, signalled by the
 * {@code IdleStateHandler} before it); an idle connection between requests is left open. After a refused oversized
 * body it discards everything the client still sends, so the client can read the answer before the connection
 * closes instead of being reset.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    private boolean midRequest;
    private boolean discarding;

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf && ((ByteBuf) msg).isReadable()) {
            midRequest = true;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) {
        if (event instanceof IdleStateEvent && ((IdleStateEvent) event).state() == IdleState.READER_IDLE) {
            if (midRequest) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** A whole request arrived: the connection is between requests again. */
    void requestReceived() {
        midRequest = false;
    }

    /** From now on, drop whatever the client sends. */
    void discardInput() {
        discarding = true;
    }
}
