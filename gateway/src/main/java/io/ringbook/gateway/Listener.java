package io.ringbook.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;

/**
 * One listening socket and the connections it accepted: what both front doors (binary and HTTP) need to bind, stop
 * accepting and close their connections in the server's shutdown order.
 */
public final class Listener {
    /** How long {@link #close()} lets connections write what was already handed to them before closing anyway. */
    public static final long CLOSE_GRACE_MS = 2_000;

    private final String name;
    private final ChannelGroup connections;
    private Channel channel;

    /** @param name what listens, for messages ({@code "binary protocol"}, {@code "HTTP API"}) */
    public Listener(final String name) {
        this.name = name;
        this.connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
    }

    /**
     * Binds {@code address:port} with {@code bootstrap} and starts accepting.
     *
     * @return the bound port (the free port chosen when {@code port} is 0)
     * @throws IllegalStateException if already bound, or if the port cannot be bound (with the reason)
     */
    public synchronized int bind(final ServerBootstrap bootstrap, final String address, final int port) {
        if (channel != null) {
            throw new IllegalStateException("the " + name + " is already started");
        }
        try {
            channel = bootstrap.bind(address, port).sync().channel();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the " + name, e);
        } catch (final Exception e) {
            // sync() rethrows the bind failure as it is, a checked BindException included.
            throw new IllegalStateException("cannot bind the " + name + " to " + address + ":" + port + ": " + e, e);
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Tracks an accepted connection so that {@link #close()} closes it (it leaves the group when it closes). */
    public void add(final Channel connection) {
        connections.add(connection);
    }

    /** The open connections, for diagnostics and tests. */
    public Iterable<Channel> connections() {
        return connections;
    }

    /** Closes the listening socket: no new connections; open ones carry on. */
    public synchronized void stopAccepting() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }

    /**
     * Stops accepting and closes every connection once what was already handed to it was written (waiting at most
     * {@link #CLOSE_GRACE_MS} for clients that do not read).
     */
    public void close() {
        stopAccepting();
        connections.writeAndFlush(Unpooled.EMPTY_BUFFER).awaitUninterruptibly(CLOSE_GRACE_MS);
        connections.close().awaitUninterruptibly();
    }
}
