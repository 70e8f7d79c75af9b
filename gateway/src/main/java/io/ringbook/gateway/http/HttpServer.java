package io.ringbook.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.ringbook.engine.Ringbook;
import io.ringbook.gateway.GatewayConfig;
import io.ringbook.gateway.GatewayMetrics;
import io.ringbook.gateway.Listener;
import io.ringbook.gateway.ManualClock;
import io.ringbook.snapshot.SnapshotInfo;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP/JSON API (DESIGN.md §6, docs/HTTP.md) on Netty: one pipeline per connection,
 *
 * <pre>
 *   IdleStateHandler -> ConnectionGuard -> HttpServerCodec -> BodyLimitAggregator -> HttpApiHandler
 *   (read timeout)      (stuck requests,   (HTTP/1.1)         (body limit, 413       (route, engine call,
 *                        linger on 413)                        before the body)       answers in order)
 * </pre>
 *
 * <p>Requests reach the engine through {@link Ringbook}'s futures; answers are encoded on the connection's event loop.
 * The event-loop groups belong to the caller, who shuts them down after {@link #close()}. Shutdown in steps:
 * {@link #refuseNewRequests()} (503 {@code unavailable} from then on, health included), {@link #stopAccepting()}
 * (no new connections), {@link #close()} (every connection closed).
 */
public final class HttpServer implements AutoCloseable {
    private static final long LINGER_MAX_NS = TimeUnit.SECONDS.toNanos(2);

    private final GatewayConfig config;
    private final HttpApi api;
    private final GatewayMetrics metrics;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Listener listener = new Listener("HTTP API");
    private volatile boolean refusing;

    /**
     * @param clockOrNull the manual clock when the server runs with {@code --clock=manual} (enables
     *                    {@code POST /v1/admin/clock}), else null
     * @param snapshotsOrNull takes a snapshot now and completes once it is written (enables
     *                    {@code POST /v1/admin/snapshot}); null when the server takes none (durability {@code none})
     * @param ready       true once the server finished recovery and may serve (read by {@code GET /health})
     */
    public HttpServer(final GatewayConfig config, final Ringbook ringbook, final GatewayMetrics metrics,
                      final ManualClock clockOrNull, final Supplier<CompletableFuture<SnapshotInfo>> snapshotsOrNull,
                      final BooleanSupplier ready, final EventLoopGroup boss, final EventLoopGroup workers) {
        this.config = config;
        this.api = new HttpApi(ringbook, metrics, clockOrNull, snapshotsOrNull, ready);
        this.metrics = metrics;
        this.boss = boss;
        this.workers = workers;
    }

    /** Every route the server has, in the order of {@link HttpRoute}: what docs/openapi.json must describe. */
    public static List<HttpRoute> routes() {
        return List.of(HttpRoute.values());
    }

    /**
     * Binds {@code bindAddress:httpPort} and starts accepting connections.
     *
     * @return the port bound (the free port chosen when {@code httpPort} is 0)
     * @throws IllegalStateException if the port cannot be bound or the server was started before
     */
    public int start() {
        final long readTimeoutNs = config.readTimeout().toNanos();
        final long lingerNs = Math.min(readTimeoutNs, LINGER_MAX_NS);
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel channel) {
                    listener.add(channel);
                    final ConnectionGuard guard = new ConnectionGuard();
                    channel.pipeline().addLast(
                        new IdleStateHandler(false, readTimeoutNs, 0, 0, TimeUnit.NANOSECONDS),
                        guard,
                        new HttpServerCodec(),
                        new BodyLimitAggregator(config.frameMaxBytes()),
                        new HttpApiHandler(api, metrics, guard, () -> refusing, config.maxInFlight(),
                            config.frameMaxBytes(), lingerNs));
                }
            });
        return listener.bind(bootstrap, config.bindAddress(), config.httpPort());
    }

    /**
     * From now on every request but {@code GET /metrics} is answered 503 {@code unavailable}, and its connection is
     * closed after the answer.
     */
    public void refuseNewRequests() {
        refusing = true;
    }

    /** Stops accepting connections; open ones carry on. */
    public void stopAccepting() {
        listener.stopAccepting();
    }

    /**
     * Stops accepting and closes every connection once the answers already handed to it were written (waiting at
     * most {@link Listener#CLOSE_GRACE_MS} for clients that do not read). Called after the engine drained.
     */
    @Override
    public void close() {
        refuseNewRequests();
        listener.close();
    }
}
