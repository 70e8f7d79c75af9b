package io.ringbook.gateway.binary;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.Ringbook;
import io.ringbook.gateway.GatewayConfig;
import io.ringbook.gateway.GatewayMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** An engine (no journal unless the config has one) behind a real BinaryServer on an ephemeral loopback port. */
final class ServerFixture implements AutoCloseable {
    private static final int BUSY_RETRIES = 1000;

    final Ringbook ringbook;
    final GatewayMetrics metrics;
    final BinaryServer server;
    final int port;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private boolean closed;

    private ServerFixture(final EngineConfig engineConfig, final GatewayConfig gatewayConfig) {
        ringbook = Ringbook.start(engineConfig);
        metrics = new GatewayMetrics(ringbook.engine(), () -> 0);
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        server = new BinaryServer(gatewayConfig, ringbook, metrics, boss, workers);
        port = server.start();
    }

    static ServerFixture start() {
        return start(EngineConfig.defaults(), GatewayConfig.ephemeral());
    }

    static ServerFixture start(final EngineConfig engineConfig, final GatewayConfig gatewayConfig) {
        return new ServerFixture(engineConfig, gatewayConfig);
    }

    WireClient connect() {
        return WireClient.connect(port);
    }

    /** The state hash through the embedded API (not through the server). */
    long stateHash() {
        try {
            return ringbook.stateHash().get(WireClient.READ_GUARD_MS, TimeUnit.MILLISECONDS);
        } catch (final InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("state hash", e);
        }
    }

    /** Waits until {@code condition} holds; fails after the hang guard. Polls: nothing here measures time. */
    static void await(final BooleanSupplier condition, final String what) {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WireClient.READ_GUARD_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Asserts that a new connection is served and sees the given state hash (retrying while busy, as clients do). */
    void assertServing(final long expectedHash) {
        try (WireClient probe = connect()) {
            Frames.Reply reply = probe.call(Frames.stateHash(424242));
            for (int attempt = 0; reply.error() == Frames.BUSY && attempt < BUSY_RETRIES; attempt++) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                reply = probe.call(Frames.stateHash(424242));
            }
            if (reply.error() != 0 || reply.requestId() != 424242 || reply.stateHash() != expectedHash) {
                throw new AssertionError("a new connection got error " + reply.error() + ", request id "
                    + reply.requestId() + ", hash " + (reply.error() == 0 ? reply.stateHash() : 0) + " instead of "
                    + expectedHash);
            }
        }
    }

    /** Shuts down in the order of the server's main: refuse, stop accepting, drain the engine, close connections. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.refuseNewRequests();
        server.stopAccepting();
        ringbook.close();
        server.close();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
