package io.ringbook.benchmarks;

import io.ringbook.engine.command.CommandArray;
import io.ringbook.journal.Durability;
import io.ringbook.journal.JournalWriter;
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
 * The journal stage alone: {@code JournalWriter.append} of every slot of one create_transfers request and the
 * {@code commit} that ends its Disruptor batch, on the benchmark thread, per durability mode. No ring, ledger or reply
 * stage. One call is one request of {@code batchSize} events, so one group commit per request: the worst case for
 * {@code fsync}, where a loaded ring puts many requests into one batch.
 *
 * <p>The requests come from the seeded standard workload, filled once in the trial set-up ({@value #REQUESTS}
 * requests, reused round-robin: the journal copies, it never reads them back), so nothing but the append and commit is
 * timed. Each iteration writes into a fresh temporary journal, deleted afterwards (a process-mode iteration writes
 * gigabytes). The {@code events} counter is the figure to read; bytes per second are events x 100 (the transfer event
 * size) plus 32 per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true",
    "-Dchronicle.disk.monitor.disable=true"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class JournalAppendBenchmark {
    private static final int REQUESTS = 16;

    /** Standard workload name (WORKLOADS.md). */
    @Param("uniform-10k")
    public String workload;

    /** Durability mode: process or fsync. */
    @Param({"process", "fsync"})
    public String durability;

    /** Events per request. */
    @Param("8190")
    public int batchSize;

    /** Stream seed. */
    @Param("1")
    public long seed;

    private final CommandArray[] requests = new CommandArray[REQUESTS];
    private int next;
    private Path directory;
    private JournalWriter writer;

    @Setup(Level.Trial)
    public void fillRequests() {
        final Workload shape = Workload.of(workload);
        final WorkloadStream stream = shape.stream(seed, shape.accounts(), (long) REQUESTS * batchSize);
        for (int i = 0; i < REQUESTS; i++) {
            requests[i] = new CommandArray(batchSize);
            stream.fillBatch(requests[i], (long) i * batchSize, batchSize, i + 1);
        }
    }

    @Setup(Level.Iteration)
    public void openJournal() throws IOException {
        directory = Files.createTempDirectory("ringbook-journal-bench");
        writer = JournalWriter.open(directory, Durability.of(durability));
    }

    @Benchmark
    public long appendAndCommit(final EventCounters counters) {
        final CommandArray request = requests[next];
        next = (next + 1) % REQUESTS;
        for (int i = 0; i < request.size(); i++) {
            writer.append(request.get(i), i);
        }
        writer.commit();
        counters.events += request.size();
        return writer.lastIndex();
    }

    @TearDown(Level.Iteration)
    public void deleteJournal() throws IOException {
        writer.close();
        Directories.deleteTree(directory);
    }
}
