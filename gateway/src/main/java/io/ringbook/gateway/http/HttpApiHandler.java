package io.ringbook.gateway.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.ringbook.gateway.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The last handler of an HTTP connection: routes each request, starts its work and writes the answers in request
 * order (HTTP/1.1 pipelining allows several requests before the first answer, and a fast error must not overtake a
 * slower engine answer). Stops reading the connection while {@code maxInFlight} requests are unanswered. Everything
 * here runs on the connection's event loop.
 */
final class HttpApiHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);

    private final HttpApi api;
    private final GatewayMetrics metrics;
    private final ConnectionGuard guard;
    private final BooleanSupplier refusing;
    private final int maxInFlight;
    private final int bodyMaxBytes;
    private final long lingerNs;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    /** True once the answer that closes the connection was written (or the connection closed): nothing more. */
    private boolean closed;

    /**
     * @param refusing true once the server refuses new requests (shutdown)
     * @param bodyMaxBytes the body limit, for the message of a refused body
     * @param lingerNs     how long to keep discarding input after refusing an oversized body before closing
     */
    HttpApiHandler(final HttpApi api, final GatewayMetrics metrics, final ConnectionGuard guard,
                   final BooleanSupplier refusing, final int maxInFlight, final int bodyMaxBytes,
                   final long lingerNs) {
        this.api = api;
        this.metrics = metrics;
        this.guard = guard;
        this.refusing = refusing;
        this.maxInFlight = maxInFlight;
        this.bodyMaxBytes = bodyMaxBytes;
        this.lingerNs = lingerNs;
    }

    /** One request's place in the answer order. */
    private static final class Slot {
        final HttpRoute route;
        final boolean keepAlive;
        final long startNs;
        Answer answer;
        boolean linger;

        Slot(final HttpRoute route, final boolean keepAlive, final long startNs) {
            this.route = route;
            this.keepAlive = keepAlive;
            this.startNs = startNs;
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (msg instanceof FullHttpRequest) {
            final FullHttpRequest request = (FullHttpRequest) msg;
            try {
                onRequest(ctx, request);
            } finally {
                request.release();
            }
        } else if (msg instanceof BodyLimitAggregator.TooLarge) {
            onTooLarge(ctx, (BodyLimitAggregator.TooLarge) msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(final ChannelHandlerContext ctx, final FullHttpRequest request) {
        guard.requestReceived();
        if (closed) {
            return;
        }
        final long startNs = System.nanoTime();
        if (request.decoderResult().isFailure()) {
            final Slot slot = enqueue(ctx, null, false, startNs);
            complete(ctx, slot, Answer.error(ctx.alloc(), ApiError.INVALID_REQUEST,
                "the HTTP request could not be decoded: " + request.decoderResult().cause()).closing());
            return;
        }
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        final HttpRoute.Match match = HttpRoute.resolve(request.method().name(), uri.rawPath());
        final Slot slot = enqueue(ctx, match.route(), HttpUtil.isKeepAlive(request), startNs);
        if (!match.isFound()) {
            complete(ctx, slot, routeError(ctx, request, uri, match));
            return;
        }
        if (refusing.getAsBoolean() && match.route() != HttpRoute.METRICS) {
            final Answer refused = match.route() == HttpRoute.HEALTH ? api.health(ctx.alloc(), true)
                : Answer.error(ctx.alloc(), ApiError.UNAVAILABLE, "the server is shutting down");
            complete(ctx, slot, refused.closing());
            return;
        }
        final List<String> parameters;
        final Map<String, List<String>> query;
        try {
            parameters = decoded(match.parameters());
            query = uri.parameters();
        } catch (final IllegalArgumentException e) {
            complete(ctx, slot, Answer.error(ctx.alloc(), ApiError.INVALID_REQUEST,
                "the URI is not well encoded: " + e.getMessage()));
            return;
        }
        CompletableFuture<Answer> answer;
        try {
            answer = api.handle(match.route(), parameters, query, request, ctx.alloc(), ctx.executor());
        } catch (final RuntimeException e) {
            answer = CompletableFuture.completedFuture(HttpApi.failure(ctx.alloc(), e));
        }
        answer.whenComplete((done, error) -> deliver(ctx, slot,
            done != null ? done : HttpApi.failure(ctx.alloc(), error)));
    }

    private Answer routeError(final ChannelHandlerContext ctx, final FullHttpRequest request,
                              final QueryStringDecoder uri, final HttpRoute.Match match) {
        if (match.isMethodNotAllowed()) {
            return Answer.error(ctx.alloc(), ApiError.METHOD_NOT_ALLOWED,
                request.method().name() + " is not allowed on " + uri.rawPath() + "; allowed: "
                    + String.join(", ", match.allowedMethods()))
                .withHeader(HttpHeaderNames.ALLOW, String.join(", ", match.allowedMethods()));
        }
        return Answer.error(ctx.alloc(), ApiError.NOT_FOUND, "no route " + FieldKind.shorten(uri.rawPath()));
    }

    private void onTooLarge(final ChannelHandlerContext ctx, final BodyLimitAggregator.TooLarge request) {
        if (closed) {
            return;
        }
        final HttpRoute.Match match = HttpRoute.resolve(request.method(), new QueryStringDecoder(request.uri())
            .rawPath());
        final Slot slot = enqueue(ctx, match.route(), false, System.nanoTime());
        slot.linger = true;
        complete(ctx, slot, Answer.error(ctx.alloc(), ApiError.BODY_TOO_LARGE,
            "the body is larger than the limit of " + bodyMaxBytes + " bytes").closing());
    }

    private Slot enqueue(final ChannelHandlerContext ctx, final HttpRoute route, final boolean keepAlive,
                         final long startNs) {
        final Slot slot = new Slot(route, keepAlive, startNs);
        slots.addLast(slot);
        if (slots.size() >= maxInFlight) {
            ctx.channel().config().setAutoRead(false);
        }
        return slot;
    }

    /** Hands an answer to the event loop (it may come from another thread if the loop refused a task). */
    private void deliver(final ChannelHandlerContext ctx, final Slot slot, final Answer answer) {
        if (ctx.executor().inEventLoop()) {
            complete(ctx, slot, answer);
            return;
        }
        try {
            ctx.executor().execute(() -> complete(ctx, slot, answer));
        } catch (final RejectedExecutionException e) {
            answer.body().release();
        }
    }

    private void complete(final ChannelHandlerContext ctx, final Slot slot, final Answer answer) {
        if (slot.route != null && slot.route.operation() != null) {
            metrics.request(GatewayMetrics.Protocol.HTTP, slot.route.operation(), answer.outcome(),
                System.nanoTime() - slot.startNs);
        }
        if (slot.route != null && slot.route.isAdmin()) {
            LOG.info("admin {} {} from {}: {}", slot.route.method(), slot.route.path(), ctx.channel().remoteAddress(),
                answer.status());
        }
        if (closed) {
            answer.body().release();
            return;
        }
        slot.answer = answer;
        boolean wrote = false;
        while (!closed && !slots.isEmpty() && slots.peekFirst().answer != null) {
            write(ctx, slots.pollFirst());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        if (!closed && slots.size() < maxInFlight && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void write(final ChannelHandlerContext ctx, final Slot slot) {
        final Answer answer = slot.answer;
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(),
            answer.body());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        HttpUtil.setContentLength(response, answer.body().readableBytes());
        if (answer.headerName() != null) {
            response.headers().set(answer.headerName(), answer.headerValue());
        }
        final boolean close = !slot.keepAlive || answer.close();
        HttpUtil.setKeepAlive(response, !close);
        final ChannelFuture written = ctx.write(response);
        if (!close) {
            return;
        }
        closed = true;
        releaseQueued();
        if (slot.linger) {
            written.addListener(done -> linger(ctx));
        } else {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * After refusing an oversized body: stop sending, read and drop what the client still sends for a while, then
     * close. Closing at once could reset the connection and lose the answer the client has not read yet.
     */
    private void linger(final ChannelHandlerContext ctx) {
        guard.discardInput();
        ctx.channel().config().setAutoRead(true);
        if (ctx.channel() instanceof SocketChannel) {
            ((SocketChannel) ctx.channel()).shutdownOutput();
        }
        ctx.executor().schedule(() -> ctx.close(), lingerNs, TimeUnit.NANOSECONDS);
    }

    private void releaseQueued() {
        for (final Slot queued : slots) {
            if (queued.answer != null) {
                queued.answer.body().release();
                queued.answer = null;
            }
        }
        slots.clear();
    }

    private static List<String> decoded(final List<String> raw) {
        final List<String> values = new ArrayList<>(raw.size());
        for (final String value : raw) {
            values.add(QueryStringDecoder.decodeComponent(value));
        }
        return values;
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) {
        closed = true;
        releaseQueued();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        LOG.debug("HTTP connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
