package io.ringbook.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Aggregates a request's body up to the frame limit. A request declaring a larger {@code Content-Length} is refused
 * as soon as its headers arrive, before its body is read (also when it asks for {@code 100-continue}: the answer is
 * the 413, not a bare 417), and a chunked body is refused as soon as it passes the limit; in both cases a
 * {@link TooLarge} goes down the pipeline so that the API handler answers {@code body_too_large} in order and closes
 * the connection. The rest of that body is discarded.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
    /** The request whose body was over the limit. */
    record TooLarge(String method, String uri) {
    }

    BodyLimitAggregator(final int maxContentLength) {
        super(maxContentLength);
    }

    @Override
    protected Object newContinueResponse(final HttpMessage start, final int maxContentLength,
                                         final ChannelPipeline pipeline) {
        if (isContentLengthInvalid(start, maxContentLength)) {
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized) {
        if (oversized instanceof HttpRequest) {
            final HttpRequest request = (HttpRequest) oversized;
            ctx.fireChannelRead(new TooLarge(request.method().name(), request.uri()));
        } else {
            ctx.close();
        }
    }
}
