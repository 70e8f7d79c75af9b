package io.ringbook.benchmarks;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.pipeline.RingbookEngine;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerCut;
import io.ringbook.journal.Durability;
import io.ringbook.journal.JournalWriter;
import io.ringbook.model.Limits;
import io.ringbook.snapshot.SnapshotInfo;
import io.ringbook.snapshot.SnapshotStore;
import io.ringbook.store.Recovery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Restart time: how long {@link Recovery} takes to bring a data directory back (load the newest snapshot, verify its
 * checksums and state hash, rebuild the indexes, replay and chain-check the journal tail after it, check every
 * invariant). The directory is made once per trial, untimed, through the real pipeline with the journal in
 * {@code process} mode: the workload's accounts and funding, {@code events} transfers, a snapshot, then {@code tail}
 * more transfers that only the journal holds. Single-shot: each call is one whole restart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true",
    "-Dchronicle.disk.monitor.disable=true"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class RestartBenchmark {
    /** Standard workload name (WORKLOADS.md); uniform-1m gives the 1M accounts of the restart target. */
    @Param("uniform-1m")
    public String workload;

    /** Transfers in the snapshot (on top of the accounts' funding transfers). */
    @Param("10000000")
    public long events;

    /** Transfers after the snapshot, replayed from the journal. */
    @Param("1000000")
    public long tail;

    private Path directory;
    private long expectedHash;

    @Setup(Level.Trial)
    public void buildDataDirectory() throws IOException {
        directory = Files.createTempDirectory("ringbook-restart-bench");
        final Workload shape = Workload.of(workload);
        final WorkloadStream stream = shape.stream(1, shape.accounts(), events + tail);
        final RingLoader loader = new RingLoader(stream, EventTable.of(stream));
        final Ledger ledger = new Ledger(LedgerDriver.configFor(stream));
        run(ledger, loader, 0, events, true);
        final LedgerCut cut = run(ledger, loader, events, events + tail, false);
        expectedHash = ledger.stateHash();
        System.out.printf("%ndata directory: %,d accounts, %,d transfers, snapshot at journal index %,d, journal "
                + "index %,d%n", ledger.accountCount(), ledger.transferCount(), cut.header().journalIndex(),
            ledger.journalIndex());
    }

    /**
     * Runs events {@code from .. to} of the stream through the ring with the journal, then closes the engine. Unless
     * it loads the accounts first, it takes a snapshot cut before the events and writes it on another thread while
     * they run (the state at the cut is the big one), and prints what the snapshot cost the ledger thread.
     */
    private LedgerCut run(final Ledger ledger, final RingLoader loader, final long from, final long to,
                          final boolean loadAccounts) {
        final int size = Workload.of(workload).batchSizeFor(Limits.REQUEST_SIZE_MAX);
        final EngineConfig config = EngineConfig.defaults().withLedgerConfig(ledger.config())
            .withJournalSink(JournalWriter.open(directory.resolve("journal"), Durability.PROCESS));
        try (RingbookEngine engine = new RingbookEngine(config, ledger, loader)) {
            loader.attach(engine);
            engine.start();
            if (loadAccounts) {
                loader.load(size);
                run(loader, from, to, size);
                return null;
            }
            final LedgerCut cut = loader.takeCut();
            final CompletableFuture<SnapshotInfo> written = CompletableFuture.supplyAsync(() -> write(cut));
            final long start = System.nanoTime();
            run(loader, from, to, size);
            final long tailNs = System.nanoTime() - start;
            final SnapshotInfo info = written.join();
            System.out.printf("%nsnapshot of %,d MiB written while %,d transfers ran (%.2f s); the ledger thread "
                    + "spent %.1f ms copying %,d chunks of rows before changing them%n", info.bytes() >> 20, to - from,
                tailNs / 1e9, cut.ledgerCopyNs() / 1e6, cut.ledgerCopies());
            return cut;
        }
    }

    private static void run(final RingLoader loader, final long from, final long to, final int size) {
        for (long event = from; event < to; event += size) {
            loader.publishEvents(event, (int) Math.min(size, to - event));
        }
        loader.awaitReplies();
    }

    private SnapshotInfo write(final LedgerCut cut) {
        try (cut) {
            final long start = System.nanoTime();
            final SnapshotInfo info = SnapshotStore.open(directory.resolve("snapshots"), 2).write(cut);
            System.out.printf("%nsnapshot write: %.2f s%n", (System.nanoTime() - start) / 1e9);
            return info;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Setup(Level.Iteration)
    public void collectGarbage() {
        System.gc();
    }

    @Benchmark
    public long restart() {
        final Recovery.Result result = Recovery.recover(directory.resolve("journal"), directory.resolve("snapshots"),
            null, Long.MAX_VALUE);
        final long hash = result.ledger().stateHash();
        if (hash != expectedHash) {
            throw new IllegalStateException("recovered state hash " + hash + " != " + expectedHash);
        }
        System.out.printf("%n%s%n", result);
        return hash;
    }

    @TearDown(Level.Trial)
    public void deleteDataDirectory() throws IOException {
        Directories.deleteTree(directory);
    }
}
