package io.ringbook.gateway.binary;

import io.ringbook.engine.Ringbook;
import io.ringbook.gateway.GatewayConfig;
import io.ringbook.gateway.GatewayMetrics;
import io.ringbook.gateway.Listener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The binary protocol's TCP server ({@code docs/PROTOCOL.md}). Each connection gets its own two handlers on a worker
 * event loop; replies are written from the engine's reply thread.
 *
 * <pre>
 *   socket --&gt; BinaryFrameDecoder    length prefix and frame limits, in-flight and writability gate, stall timeout
 *          --&gt; BinaryRequestAdapter  header and count checks, records into ring slots, Ringbook.submit
 *                                     (busy / unavailable / invalid: an error frame at once, on the event loop)
 *   reply thread --&gt; BinaryReplyPublisher  slots into one reply frame, writeAndFlush to the connection
 * </pre>
 *
 * Shutdown, in the order the server's main calls it: {@link #refuseNewRequests()} (requests already in the ring are
 * still answered), {@link #stopAccepting()}, then, after the engine drained, {@link #close()}. The event loop groups
 * belong to the caller.
 */
public final class BinaryServer implements AutoCloseable {
    /**
     * Outbound bytes queued on a connection above which it stops being writable (and the server stops reading it),
     * and below which it becomes writable again. Above the largest reply (about 0.9 MiB), so that one big reply alone
     * does not pause a connection.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024);
    private static final int ACCEPT_BACKLOG = 1024;

    private final GatewayConfig config;
    private final Ringbook ringbook;
    private final GatewayMetrics metrics;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Listener listener = new Listener("binary protocol");
    private volatile boolean refusing;

    /**
     * @param boss    accepts connections (one thread is plenty)
     * @param workers runs the connections' handlers
     */
    public BinaryServer(final GatewayConfig config, final Ringbook ringbook, final GatewayMetrics metrics,
                        final EventLoopGroup boss, final EventLoopGroup workers) {
        this.config = config;
        this.ringbook = ringbook;
        this.metrics = metrics;
        this.boss = boss;
        this.workers = workers;
    }

    /**
     * Binds {@code config.bindAddress():config.binaryPort()} and starts accepting connections.
     *
     * @return the bound port (the actual one when the configured port is 0)
     */
    public int start() {
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel channel) {
                    listener.add(channel);
                    final BinaryFrameDecoder decoder = new BinaryFrameDecoder(config.frameMaxBytes(),
                        config.maxInFlight(), config.readTimeout().toNanos(), metrics);
                    channel.pipeline().addLast(decoder,
                        new BinaryRequestAdapter(ringbook, metrics, decoder, () -> refusing));
                }
            });
        return listener.bind(bootstrap, config.bindAddress(), config.binaryPort());
    }

    /**
     * Shutdown step 1: from now on every new request is answered {@code unavailable} (retryable), while the requests
     * already in the ring are still answered.
     */
    public void refuseNewRequests() {
        refusing = true;
    }

    /** Closes the listening socket: no new connections; open ones carry on. */
    public void stopAccepting() {
        listener.stopAccepting();
    }

    /**
     * Closes every connection once the replies already handed to it were written (waiting at most
     * {@link Listener#CLOSE_GRACE_MS} for clients that do not read). Called after the engine drained, so no reply is
     * lost to a client that still reads.
     */
    @Override
    public void close() {
        refuseNewRequests();
        listener.close();
    }

    /** Open connections, for tests and diagnostics. */
    int connectionCount() {
        int count = 0;
        for (final Channel ignored : listener.connections()) {
            count++;
        }
        return count;
    }

    /** Open connections the server is not reading right now (flow control), for tests and diagnostics. */
    int pausedConnections() {
        int paused = 0;
        for (final Channel connection : listener.connections()) {
            if (!connection.config().isAutoRead()) {
                paused++;
            }
        }
        return paused;
    }
}
