package io.ringbook.gateway.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.Ringbook;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.gateway.GatewayConfig;
import io.ringbook.gateway.GatewayMetrics;
import io.ringbook.gateway.ManualClock;
import io.ringbook.store.LedgerStore;
import io.ringbook.store.StoreConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * A real {@link HttpServer} on an ephemeral loopback port over a real engine, and a {@link HttpClient} to talk to
 * it. Each test class builds the variant it needs (manual clock, small limits, a blocking journal).
 */
final class HttpFixture implements AutoCloseable {
    /** Start of the manual clock: any fixed time works, 2001-09-09 reads well in nanoseconds. */
    static final long CLOCK_START_NS = 1_000_000_000_000_000_000L;
    /** Only a guard against hangs; nothing here measures time. */
    static final Duration HANG_GUARD = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    final Ringbook ringbook;
    /** The durable store under {@link #ringbook} when the fixture has a data directory, else null. */
    final LedgerStore store;
    final GatewayMetrics metrics;
    final ManualClock clock;
    final HttpServer server;
    final int port;
    final AtomicBoolean ready = new AtomicBoolean(true);
    final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(HANG_GUARD).build();

    private HttpFixture(final EngineConfig engine, final GatewayConfig gateway, final ManualClock clock,
                        final Path dataOrNull) {
        this.clock = clock;
        final EngineConfig clocked = clock == null ? engine : engine.withClock(clock);
        if (dataOrNull == null) {
            this.store = null;
            this.ringbook = Ringbook.start(clocked);
        } else {
            this.store = LedgerStore.open(StoreConfig.defaults(dataOrNull).withEngine(clocked));
            this.ringbook = store.ringbook();
        }
        this.metrics = new GatewayMetrics(ringbook.engine(), () -> 0);
        this.server = new HttpServer(gateway, ringbook, metrics, clock, store == null ? null : store::snapshot,
            ready::get, boss, workers);
        this.port = server.start();
    }

    /** Default settings (smaller capacities than the engine's), wall clock: no admin route. */
    static HttpFixture start() {
        return new HttpFixture(engineConfig(), GatewayConfig.ephemeral(), null, null);
    }

    /** Default settings with a manual clock: the admin route exists. */
    static HttpFixture startWithManualClock() {
        return new HttpFixture(engineConfig(), GatewayConfig.ephemeral(), new ManualClock(CLOCK_START_NS), null);
    }

    /** A manual clock and a journal in {@code data} (durability {@code process}): every admin route works. */
    static HttpFixture startWithManualClockAndJournal(final Path data) {
        return new HttpFixture(engineConfig(), GatewayConfig.ephemeral(), new ManualClock(CLOCK_START_NS), data);
    }

    /** Custom engine and gateway settings on top of the defaults, wall clock. */
    static HttpFixture start(final UnaryOperator<EngineConfig> engine, final UnaryOperator<GatewayConfig> gateway) {
        return new HttpFixture(engine.apply(engineConfig()), gateway.apply(GatewayConfig.ephemeral()), null, null);
    }

    private static EngineConfig engineConfig() {
        return EngineConfig.defaults().withRingSize(1 << 14).withLedgerConfig(LedgerConfig.of(10_000, 100_000));
    }

    URI uri(final String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    Reply get(final String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    Reply post(final String pathAndQuery, final String body) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply send(final String method, final String pathAndQuery, final String body) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).method(method,
            body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpClient client() {
        return client;
    }

    private Reply send(final HttpRequest.Builder request) {
        try {
            return Reply.of(client.send(request.timeout(HANG_GUARD).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The engine's state hash, read through the ring. */
    long stateHash() {
        return ringbook.stateHash().join();
    }

    @Override
    public void close() {
        server.close();
        if (store == null) {
            ringbook.close();
        } else {
            store.close();
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** An answer: status, headers and body (parsed as JSON when it is JSON). */
    record Reply(int status, HttpHeaders headers, String body) {
        static Reply of(final HttpResponse<String> response) {
            return new Reply(response.statusCode(), response.headers(), response.body());
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (final IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The {@code error} field of an error answer. */
        String error() {
            return json().path("error").asText();
        }

        String header(final String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
