package io.ringbook.benchmarks;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.pipeline.RingbookEngine;
import io.ringbook.engine.state.Ledger;
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

import java.util.concurrent.TimeUnit;

/**
 * The whole engine in process: the benchmark thread publishes create_transfers requests straight into the command
 * ring of a {@link RingbookEngine} (no-op journal, durability {@code none}), and the journal, ledger and reply stages
 * run on their own threads. On a 2-core machine those four threads share two cores, which is part of what is
 * measured.
 *
 * <p>What is timed: {@link #publishRound}, which publishes {@code requestsPerRound} requests of {@code batchSize}
 * events of the workload (slots filled from a pre-generated {@link EventTable}; a full ring answers BUSY and the
 * producer naps 20 us and retries) and returns once the reply stage has answered every one of them. The round's
 * start-up and drain are inside the timing; at the default 128 requests (about 1,048,000 events) they are a small part
 * of it.
 *
 * <p>Scores, as in {@link LedgerStageBenchmark}: the primary score is rounds per second; {@code events} is the workload
 * events answered per second (the figure to read) and {@code rejected} the rejected ones per second.
 *
 * <p>Capacity: as in {@link LedgerStageBenchmark}, one pass of the stream per ledger; before a round that would not
 * fit in what is left of the pass, the engine is closed and a fresh one is started, loaded and funded through the
 * ring, all in the un-timed set-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RingBenchmark {
    private static final long BUSY_NAP_NS = 20_000;
    private static final long WAIT_NAP_NS = 50_000;

    /** Standard workload name (WORKLOADS.md). */
    @Param({"uniform-10k", "uniform-1m", "hot-10pct", "zipf", "two-phase", "linked-4"})
    public String workload;

    /** Events per request; cut to whole chains for linked-4. */
    @Param("8190")
    public int batchSize;

    /** Requests published per timed call. */
    @Param("128")
    public int requestsPerRound;

    /** Events in one pass of the stream (and transfer capacity of the ledger). */
    @Param("10000000")
    public long events;

    /** Stage wait strategy (EngineConfig.WaitStrategyType). */
    @Param("BLOCKING")
    public String waitStrategy;

    /** Stream seed. */
    @Param("1")
    public long seed;

    private WorkloadStream stream;
    private EventTable table;
    private RingbookEngine engine;
    private RingLoader loader;
    private int requestSize;
    private long nextEvent;
    private long roundEvents;
    private long rejectedBefore;

    @Setup(Level.Trial)
    public void createStream() {
        final Workload shape = Workload.of(workload);
        stream = shape.stream(seed, shape.accounts(), events);
        table = EventTable.of(stream);
        requestSize = shape.batchSizeFor(batchSize);
        loader = new RingLoader(stream, table);
    }

    @Setup(Level.Invocation)
    public void ensureRoom() {
        if (engine == null || nextEvent + (long) requestSize * requestsPerRound > stream.events()) {
            newPass();
        }
        rejectedBefore = loader.rejected();
    }

    @Benchmark
    public long publishRound() {
        final long first = nextEvent;
        for (int r = 0; r < requestsPerRound; r++) {
            loader.publishEvents(nextEvent, requestSize);
            nextEvent += requestSize;
        }
        loader.awaitReplies();
        roundEvents = nextEvent - first;
        return loader.events();
    }

    @TearDown(Level.Invocation)
    public void countResults(final EventCounters counters) {
        counters.events += roundEvents;
        counters.rejected += loader.rejected() - rejectedBefore;
    }

    @TearDown(Level.Trial)
    public void closeEngine() {
        System.out.printf("%n%s: %.3f%% of the events answered in this pass rejected%n", workload,
            100.0 * loader.rejected() / Math.max(1, loader.events()));
        engine.close();
        if (loader.failure() != null) {
            throw new IllegalStateException(loader.failure());
        }
    }

    private void newPass() {
        if (engine != null) {
            engine.close();
        }
        engine = null;
        System.gc();
        final Ledger ledger = new Ledger(LedgerDriver.configFor(stream));
        engine = new RingbookEngine(EngineConfig.defaults()
            .withWaitStrategy(EngineConfig.WaitStrategyType.valueOf(waitStrategy))
            .withLedgerConfig(ledger.config()), ledger, loader);
        loader.attach(engine);
        engine.start();
        loader.load(requestSize);
        loader.attach(engine);
        nextEvent = 0;
    }
}
