package io.ringbook.gateway;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.Ringbook;
import io.ringbook.gateway.binary.BinaryServer;
import io.ringbook.gateway.http.HttpServer;
import io.ringbook.journal.Durability;
import io.ringbook.store.LedgerStore;
import io.ringbook.store.StoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server: a durable ledger store behind the binary protocol and the HTTP/JSON API, sharing one set of Netty
 * event loops, plus the pulse that expires pending transfers on time.
 *
 * <pre>
 *   binary TCP ──┐                       ┌─▶ journal stage ─┐
 *                ├─▶ Ringbook (ring) ────┤                  ├─▶ reply stage ─▶ connection
 *   HTTP/JSON ───┘        ▲              └─▶ ledger stage ──┘
 *   pulse timer ──────────┘   snapshot thread (LedgerStore) cuts through the ring
 * </pre>
 *
 * <p>{@link #close()} is the graceful stop (SIGTERM): refuse new requests, stop accepting connections, stop the
 * pulse, then the store takes a last snapshot, drains the ring (every accepted request is answered) and closes the
 * journal; connections close last. A process killed instead loses nothing acknowledged.
 */
public final class RingbookServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RingbookServer.class);

    private final ServerConfig config;
    private final ManualClock clock;
    private final LedgerStore store;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final GatewayMetrics metrics;
    private final BinaryServer binary;
    private final HttpServer http;
    private final ScheduledExecutorService pulses;
    private final int binaryPort;
    private final int httpPort;
    private volatile boolean ready;
    private boolean closed;

    private RingbookServer(final ServerConfig config) {
        this.config = config;
        clock = config.manualClock() ? new ManualClock(EngineConfig.wallClockNs()) : null;
        final EngineConfig engine = config.store().engine()
            .withClock(clock == null ? EngineConfig::wallClockNs : clock)
            .withHaltPolicy(EngineConfig.HaltPolicy.EXIT_PROCESS);
        final StoreConfig storeConfig = config.store().withEngine(engine);
        store = LedgerStore.open(storeConfig);
        final Ringbook ringbook = store.ringbook();
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(config.gateway().ioThreads(), NioIoHandler.newFactory());
        metrics = new GatewayMetrics(ringbook.engine(), store::snapshotsWritten);
        binary = new BinaryServer(config.gateway(), ringbook, metrics, boss, workers);
        http = new HttpServer(config.gateway(), ringbook, metrics, clock,
            storeConfig.durability() == Durability.NONE ? null : store::snapshot, () -> ready, boss, workers);
        pulses = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "ringbook-pulse");
            thread.setDaemon(true);
            return thread;
        });
        try {
            binaryPort = binary.start();
            httpPort = http.start();
        } catch (final RuntimeException e) {
            closeQuietly();
            throw e;
        }
        if (clock == null && !config.pulseEvery().isZero()) {
            final long everyMs = Math.max(1, config.pulseEvery().toMillis());
            pulses.scheduleWithFixedDelay(this::pulse, everyMs, everyMs, TimeUnit.MILLISECONDS);
        }
        ready = true;
    }

    /** Recovers the data directory, starts the engine and both servers; returns once they accept connections. */
    public static RingbookServer start(final ServerConfig config) {
        return new RingbookServer(config);
    }

    public ServerConfig config() {
        return config;
    }

    /** The bound port of the binary protocol (useful when configured as 0). */
    public int binaryPort() {
        return binaryPort;
    }

    /** The bound port of the HTTP API (useful when configured as 0). */
    public int httpPort() {
        return httpPort;
    }

    /** The durable store behind the servers (recovery result, snapshots). */
    public LedgerStore store() {
        return store;
    }

    private void pulse() {
        store.ringbook().pulse().whenComplete((pulse, failure) -> {
            if (failure == null && pulse.expired() > 0) {
                LOG.debug("pulse expired {} pending transfers", pulse.expired());
            }
            // A busy ring skips one pulse; the next one expires what is due.
        });
    }

    /** Graceful stop; see the class comment. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ready = false;
        LOG.info("stopping: refusing new requests, draining the ring, taking a last snapshot");
        binary.refuseNewRequests();
        http.refuseNewRequests();
        binary.stopAccepting();
        http.stopAccepting();
        pulses.shutdownNow();
        try {
            store.close();
        } finally {
            closeQuietly();
        }
        LOG.info("stopped");
    }

    private void closeQuietly() {
        binary.close();
        http.close();
        pulses.shutdownNow();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
