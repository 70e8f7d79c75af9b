package io.ringbook.store;

import io.ringbook.engine.EngineConfig;
import io.ringbook.journal.Durability;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a durable ledger over one data directory ({@code journal/} and {@code snapshots/} inside it).
 *
 * @param dataDirectory       where the journal and the snapshots live (created if missing)
 * @param durability          when a request counts as durable (default {@link Durability#PROCESS}); {@code NONE}
 *                            keeps nothing on disk and takes no snapshots
 * @param engine              the engine's settings; its journal sink is replaced by the store's
 * @param snapshotEveryEvents take a snapshot after this many journaled events (0 = never by count; default 5M, which
 *                            bounds the journal tail a restart replays)
 * @param snapshotEvery       and at least this often while anything changed (zero = never by time; default 5 min)
 * @param snapshotsKept       newest snapshot files kept (at least 1; default 3)
 */
public record StoreConfig(Path dataDirectory, Durability durability, EngineConfig engine, long snapshotEveryEvents,
                          Duration snapshotEvery, int snapshotsKept) {
    /**
     * The data directory every program uses unless told otherwise (the server's {@code --data-dir}, the tools'
     * {@code --data}), relative to the directory it runs in: one default, so the tools find what the server wrote.
     */
    public static final String DATA_DIRECTORY_DEFAULT = "ringbook-data";

    public StoreConfig {
        if (dataDirectory == null || durability == null || engine == null || snapshotEvery == null) {
            throw new IllegalArgumentException("dataDirectory, durability, engine and snapshotEvery must be set");
        }
        if (snapshotEveryEvents < 0 || snapshotEvery.isNegative()) {
            throw new IllegalArgumentException("snapshot intervals must not be negative");
        }
        if (snapshotsKept < 1) {
            throw new IllegalArgumentException("snapshotsKept must be at least 1: " + snapshotsKept);
        }
    }

    /** Defaults over {@code dataDirectory}: process durability, a snapshot every 5M events or 5 minutes, keep 3. */
    public static StoreConfig defaults(final Path dataDirectory) {
        return new StoreConfig(dataDirectory, Durability.PROCESS, EngineConfig.defaults(), 5_000_000,
            Duration.ofMinutes(5), 3);
    }

    public Path journalDirectory() {
        return dataDirectory.resolve("journal");
    }

    public Path snapshotDirectory() {
        return dataDirectory.resolve("snapshots");
    }

    public StoreConfig withEngine(final EngineConfig value) {
        return new StoreConfig(dataDirectory, durability, value, snapshotEveryEvents, snapshotEvery, snapshotsKept);
    }

    public StoreConfig withSnapshotEveryEvents(final long value) {
        return new StoreConfig(dataDirectory, durability, engine, value, snapshotEvery, snapshotsKept);
    }

    public StoreConfig withSnapshotEvery(final Duration value) {
        return new StoreConfig(dataDirectory, durability, engine, snapshotEveryEvents, value, snapshotsKept);
    }

    public StoreConfig withSnapshotsKept(final int value) {
        return new StoreConfig(dataDirectory, durability, engine, snapshotEveryEvents, snapshotEvery, value);
    }
}
