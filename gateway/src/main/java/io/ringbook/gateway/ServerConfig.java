package io.ringbook.gateway;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.store.StoreConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a server is started with: the durable store (data directory, durability, engine, snapshots), the
 * network front doors, and the clock.
 *
 * @param store       the ledger store; its engine's clock and halt policy are set by the server
 * @param gateway     ports and limits of the binary and HTTP servers
 * @param manualClock true for {@code --clock=manual}: arrival times stand still until {@code POST /v1/admin/clock}
 * @param pulseEvery  how often the server sends a pulse through the ring so that pending transfers expire on time
 *                    (wall clock only; zero = never)
 */
public record ServerConfig(StoreConfig store, GatewayConfig gateway, boolean manualClock, Duration pulseEvery) {

    /** Server capacities: a million accounts and ten million transfers (a few GiB of heap). */
    public static final LedgerConfig CAPACITY_DEFAULT = LedgerConfig.of(1_000_000, 10_000_000);

    public ServerConfig {
        if (store == null || gateway == null || pulseEvery == null || pulseEvery.isNegative()) {
            throw new IllegalArgumentException("store, gateway and a non-negative pulseEvery must be set");
        }
    }

    /** The defaults of the server command line over {@code dataDirectory}. */
    public static ServerConfig defaults(final Path dataDirectory) {
        final StoreConfig store = StoreConfig.defaults(dataDirectory)
            .withEngine(EngineConfig.defaults().withLedgerConfig(CAPACITY_DEFAULT));
        return new ServerConfig(store, GatewayConfig.defaults(), false, Duration.ofSeconds(1));
    }

    public ServerConfig withStore(final StoreConfig value) {
        return new ServerConfig(value, gateway, manualClock, pulseEvery);
    }

    public ServerConfig withGateway(final GatewayConfig value) {
        return new ServerConfig(store, value, manualClock, pulseEvery);
    }

    public ServerConfig withManualClock(final boolean value) {
        return new ServerConfig(store, gateway, value, pulseEvery);
    }
}
