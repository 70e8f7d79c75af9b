package io.ringbook.benchmarks;

import io.ringbook.engine.DirectLedger;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerCut;
import io.ringbook.model.Limits;
import io.ringbook.snapshot.SnapshotFile;
import io.ringbook.snapshot.SnapshotInfo;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Snapshot write and load times for a realistic state: the standard uniform workload ({@code uniform-1m}: 1,000,000
 * accounts, each funded by one transfer) run for {@code events} transfers, built once per trial with
 * {@link LedgerDriver} (untimed). Single-shot: each call is one whole snapshot.
 *
 * <ul>
 *   <li>{@link #write}: take a cut and stream it to a file (header, sections, checksums, force, rename, directory
 *       sync). With no concurrent ledger activity, so this is the writer's own speed: file bytes / score = MB/s.</li>
 *   <li>{@link #load}: open, read every section into a new ledger (checksums on the way), rebuild the indexes and
 *       compare the state hash. The new ledger is dropped after each call (a second ledger's worth of heap).</li>
 * </ul>
 *
 * File size and throughput are printed after each trial. The file lives in {@code java.io.tmpdir} (set
 * {@code -Djava.io.tmpdir} in the fork arguments to measure another disk) and sits in the page cache, so both figures
 * are page-cache figures plus one fsync.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class SnapshotBenchmark {
    /** Workload transfers on top of the accounts and their funding transfers. */
    @Param({"1000000", "10000000"})
    public long events;

    /** Stream seed. */
    @Param("1")
    public long seed;

    private DirectLedger ledger;
    private Path directory;
    private Path file;
    private SnapshotInfo info;
    private long writeNs;
    private int writes;

    @Setup(Level.Trial)
    public void buildState() throws IOException {
        final Workload shape = Workload.of("uniform-1m");
        final LedgerDriver driver = LedgerDriver.loaded(shape.stream(seed, shape.accounts(), events));
        driver.runToEnd(Limits.REQUEST_SIZE_MAX);
        ledger = new DirectLedger(driver.ledger());
        directory = Files.createTempDirectory("ringbook-snapshot-bench");
        file = directory.resolve("bench.rbs");
        info = writeOnce();
    }

    @Benchmark
    public SnapshotInfo write() throws IOException {
        final long start = System.nanoTime();
        final SnapshotInfo written = writeOnce();
        writeNs += System.nanoTime() - start;
        writes++;
        return written;
    }

    @Benchmark
    public Ledger load() throws IOException {
        return SnapshotFile.load(file, null);
    }

    @TearDown(Level.Trial)
    public void report() throws IOException {
        final double mb = info.bytes() / 1e6;
        System.out.printf("%nsnapshot: %d accounts, %d transfers, %.1f MB file", info.accounts(), info.transfers(),
            mb);
        if (writes > 0) {
            System.out.printf(", write %.0f MB/s (mean of %d)", mb / (writeNs / 1e9 / writes), writes);
        }
        System.out.println();
        Directories.deleteTree(directory);
    }

    private SnapshotInfo writeOnce() throws IOException {
        try (LedgerCut cut = ledger.snapshotCut()) {
            return SnapshotFile.write(file, cut);
        }
    }
}
