package io.ringbook.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.Ringbook;
import io.ringbook.engine.pipeline.JournalSink;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.LedgerCut;
import io.ringbook.journal.Durability;
import io.ringbook.journal.JournalWriter;
import io.ringbook.snapshot.SnapshotInfo;
import io.ringbook.snapshot.SnapshotStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A durable ledger over a data directory: on open it recovers the state (snapshot + journal), then runs the engine
 * with the journal as its journal stage and a snapshot thread that takes snapshots on demand, every N journaled
 * events and every T seconds. What the gateway's server and embedded users start.
 *
 * <p>One owner per data directory: a durable store locks its directory ({@link DataDirectoryLock}) before it
 * allocates or loads anything and releases it at close; a second store on the same directory, in this process or
 * another, is refused at open with {@link DataDirectoryInUseException}.
 *
 * <p>Close is graceful: stop the snapshot thread, take a last snapshot if anything changed, drain the ring, close
 * the journal. A process that dies instead loses nothing acknowledged: the next open replays the journal.
 */
public final class LedgerStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerStore.class);
    private static final long POLL_MS = 100;

    private final StoreConfig config;
    private final DataDirectoryLock lock;
    private final Recovery.Result recovery;
    private final CountingSink journal;
    private final SnapshotStore snapshots;
    private final Ringbook ringbook;
    private final Thread snapshotThread;
    private final LinkedBlockingQueue<CompletableFuture<SnapshotInfo>> demands = new LinkedBlockingQueue<>();
    private volatile boolean closing;
    private volatile SnapshotInfo lastSnapshot;
    private final AtomicLong snapshotsWritten = new AtomicLong();
    private long eventsAtLastSnapshot;
    private long lastSnapshotNanos = System.nanoTime();

    private LedgerStore(final StoreConfig config, final DataDirectoryLock lock) {
        this.config = config;
        this.lock = lock;
        final boolean durable = config.durability() != Durability.NONE;
        final EngineConfig engine = config.engine();
        final boolean configure;
        if (durable) {
            recovery = recoverWithin(config, engine.ledgerConfig());
            configure = configureNeeded(recovery.ledger(), engine.ledgerConfig());
            final JournalWriter writer = JournalWriter.open(config.journalDirectory(), config.durability());
            if (writer.lastIndex() != recovery.ledger().journalIndex()) {
                writer.close();
                throw new IllegalStateException("recovered journal index " + recovery.ledger().journalIndex()
                    + " but the journal writer resumes after " + writer.lastIndex());
            }
            journal = new CountingSink(writer);
            snapshots = SnapshotStore.open(config.snapshotDirectory(), config.snapshotsKept());
            lastSnapshot = recovery.snapshot().orElse(null);
            // The replayed tail counts as not yet snapshotted: a long one is snapshotted soon, and a graceful stop
            // right after recovery still leaves a snapshot, so the next start does not replay it again.
            eventsAtLastSnapshot = -recovery.replay().events();
        } else {
            recovery = null;
            configure = false;
            journal = new CountingSink(JournalSink.NONE);
            snapshots = null;
        }
        ringbook = durable
            ? Ringbook.start(engine.withJournalSink(journal), recovery.ledger())
            : Ringbook.start(engine.withJournalSink(journal));
        if (configure) {
            journalLimits(engine.ledgerConfig());
        }
        snapshotThread = new Thread(this::runSnapshots, "ringbook-snapshot");
        snapshotThread.setDaemon(true);
        if (durable) {
            snapshotThread.start();
        }
    }

    /**
     * Recovers with an allocation of the capacities to start with. A recovered history whose limits (a snapshot's, or
     * a CONFIGURE in the journal tail) do not fit them is refused: a capacity cannot be lowered below the limits in
     * force, because the journal's acknowledged results were computed with them.
     */
    private static Recovery.Result recoverWithin(final StoreConfig config, final LedgerConfig capacities) {
        try {
            return Recovery.recover(config.journalDirectory(), config.snapshotDirectory(), capacities,
                Long.MAX_VALUE);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot start " + config.dataDirectory() + " with capacities "
                + capacities + ": " + e.getMessage() + "; a capacity cannot be lowered below the limits the data "
                + "directory's history was acknowledged with", e);
        }
    }

    /**
     * True if the capacities to start with must be journaled (a CONFIGURE): at the first start, and whenever they
     * differ from the limits in force. Checked before the journal opens and the engine starts, so a refused start
     * leaves nothing running and the ledger never meets a limit it cannot take.
     *
     * @throws IllegalArgumentException if a capacity is below the rows already stored
     */
    private static boolean configureNeeded(final Ledger ledger, final LedgerConfig capacities) {
        final String problem = ledger.checkLimits(capacities);
        if (problem != null) {
            throw new IllegalArgumentException("cannot start with capacities " + capacities + ": " + problem);
        }
        return !ledger.isConfigured() || !ledger.limits().equals(capacities);
    }

    /** Submits the CONFIGURE through the ring and waits until it is journaled and applied. */
    private void journalLimits(final LedgerConfig capacities) {
        try {
            await(ringbook.configure(capacities));
        } catch (final RuntimeException e) {
            ringbook.close();
            throw e;
        }
        LOG.info("journaled capacity limits " + capacities);
    }

    /**
     * Locks the data directory, recovers it and starts the engine (durability {@code none}: no directory, no lock).
     *
     * @throws DataDirectoryInUseException if another store, in this process or another, has the directory open
     */
    public static LedgerStore open(final StoreConfig config) {
        final DataDirectoryLock lock = config.durability() != Durability.NONE
            ? DataDirectoryLock.acquire(config.dataDirectory()) : null;
        try {
            return new LedgerStore(config, lock);
        } catch (final RuntimeException | Error e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    public StoreConfig config() {
        return config;
    }

    /** The engine's async API: every request goes through the ring, the journal and the ledger. */
    public Ringbook ringbook() {
        return ringbook;
    }

    /** What recovery did at open (empty with durability {@code none}). */
    public Optional<Recovery.Result> recovery() {
        return Optional.ofNullable(recovery);
    }

    /** The newest snapshot written or loaded. */
    public Optional<SnapshotInfo> lastSnapshot() {
        return Optional.ofNullable(lastSnapshot);
    }

    /** Snapshots written since open. */
    public long snapshotsWritten() {
        return snapshotsWritten.get();
    }

    /** Takes a snapshot now (on the snapshot thread); fails with durability {@code none}. */
    public CompletableFuture<SnapshotInfo> snapshot() {
        if (snapshots == null || closing) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                snapshots == null ? "no snapshots with durability none" : "the store is closing"));
        }
        final CompletableFuture<SnapshotInfo> demand = new CompletableFuture<>();
        demands.add(demand);
        return demand;
    }

    private void runSnapshots() {
        while (!closing) {
            final CompletableFuture<SnapshotInfo> demand;
            try {
                demand = demands.poll(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (demand == null && !isDue()) {
                continue;
            }
            try {
                final SnapshotInfo info = takeSnapshot();
                if (demand != null) {
                    demand.complete(info);
                }
            } catch (final RuntimeException e) {
                LOG.error("snapshot failed (the journal still holds everything)", e);
                if (demand != null) {
                    demand.completeExceptionally(e);
                }
            }
        }
    }

    private boolean isDue() {
        final long events = journal.committedEvents() - eventsAtLastSnapshot;
        if (events == 0) {
            return false;
        }
        return config.snapshotEveryEvents() > 0 && events >= config.snapshotEveryEvents()
            || !config.snapshotEvery().isZero()
            && System.nanoTime() - lastSnapshotNanos >= config.snapshotEvery().toNanos();
    }

    /** Cuts the state through the ring, writes the cut and logs what it cost. */
    private SnapshotInfo takeSnapshot() {
        final long events = journal.committedEvents();
        final long start = System.nanoTime();
        final LedgerCut cut = await(ringbook.snapshotCut())
            .orElseThrow(() -> new IllegalStateException("a snapshot cut is already open"));
        try (cut) {
            final SnapshotInfo info = snapshots.write(cut);
            lastSnapshot = info;
            snapshotsWritten.incrementAndGet();
            eventsAtLastSnapshot = events;
            lastSnapshotNanos = System.nanoTime();
            LOG.info("snapshot " + info.file().getFileName() + " at journal index "
                + info.journalIndex() + ": " + info.bytes() / (1 << 20) + " MiB in "
                + (lastSnapshotNanos - start) / 1_000_000 + " ms; ledger thread spent "
                + cut.ledgerCopyNs() / 1000 + " us copying " + cut.ledgerCopies() + " chunks");
            return info;
        } catch (final IOException e) {
            throw new UncheckedIOException("writing snapshot at journal index " + cut.header().journalIndex(), e);
        }
    }

    private static <T> T await(final CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("the engine failed the request", e.getCause());
        }
    }

    /**
     * Graceful stop: no more snapshots by schedule, a last one if anything changed since the previous, then the
     * ring drains (every accepted request is answered), the journal closes and the data directory is unlocked.
     * Callers stop submitting first.
     */
    @Override
    public void close() {
        closing = true;
        try {
            snapshotThread.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CompletableFuture<SnapshotInfo> demand;
        while ((demand = demands.poll()) != null) {
            demand.completeExceptionally(new IllegalStateException("the store closed"));
        }
        try {
            if (snapshots != null && journal.committedEvents() != eventsAtLastSnapshot
                && !ringbook.engine().isHalted()) {
                takeSnapshot();
            }
        } finally {
            try {
                ringbook.close();
            } finally {
                if (lock != null) {
                    lock.close();
                }
            }
        }
    }
}
