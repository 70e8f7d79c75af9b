package io.ringbook.benchmarks;

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
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The ledger stage alone: {@code Ledger.execute} on one create_transfers request at a time, on the benchmark thread,
 * with no ring, journal or reply stage. This is the ceiling for the whole engine.
 *
 * <p>What is timed: only {@link #createTransfers}, which applies one request that is already in its slots. Filling the
 * slots from the seeded {@link WorkloadStream} happens in a {@code Level.Invocation} set-up, which JMH keeps out of
 * the score (it sums the time of the benchmark calls alone); the request is 1..8 ms long at the default size, so the
 * two timestamps JMH takes around each call cost well under 0.1%. For batch sizes below ~100 that overhead is no longer
 * negligible and the figures are a lower bound.
 *
 * <p>Scores. The primary score is requests per second. The {@code events} counter is the one to read: workload events
 * (transfers; for two-phase a pending transfer and its resolution count one each) applied per second, rejected ones
 * included. {@code rejected} is the rejected events per second, so {@code rejected / events} is the rejection share
 * (about 1% over a whole pass of the stream by design, lower early in a pass).
 *
 * <p>Capacity. The ledger may grow to the whole stream ({@code events}, default the standard 10,000,000) plus the
 * funding transfers, and the stream is walked in order across warm-up and measurement iterations. When a pass of the
 * stream is exhausted the ledger is dropped, the heap collected and a fresh ledger created, loaded and funded, all in
 * the un-timed set-up; the stream then starts again from its first event. No timed request ever meets a full ledger,
 * and every timed request is a request of the standard workload against the state the workload itself built.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class LedgerStageBenchmark {
    /** Standard workload name (WORKLOADS.md). */
    @Param({"uniform-10k", "uniform-1m", "hot-10pct", "zipf", "two-phase", "linked-4"})
    public String workload;

    /** Events per request; cut to whole chains for linked-4 (8190 becomes 8188). */
    @Param("8190")
    public int batchSize;

    /** Events in one pass of the stream (and transfer capacity of the ledger). */
    @Param("10000000")
    public long events;

    /** Stream seed. */
    @Param("1")
    public long seed;

    /**
     * Grow the ledger to its capacities before the first timed request ({@code Ledger.preallocate}): the steady
     * state, with no page allocation or id index doubling inside the timed requests. Off by default: the tables then
     * grow during the pass, as on a live server, and the timed requests pay for it.
     */
    @Param("false")
    public boolean preallocate;

    private WorkloadStream stream;
    private LedgerDriver driver;
    private int passes;

    @Setup(Level.Trial)
    public void createStream() {
        final Workload shape = Workload.of(workload);
        stream = shape.stream(seed, shape.accounts(), events);
        newPass();
    }

    @Setup(Level.Invocation)
    public void fillRequest() {
        if (driver.isExhausted()) {
            newPass();
        }
        driver.fillNext(batchSize);
    }

    @Benchmark
    public void createTransfers(final Blackhole blackhole) {
        driver.execute();
        blackhole.consume(driver.request().get(0).status);
    }

    @TearDown(Level.Invocation)
    public void countResults(final EventCounters counters) {
        counters.events += driver.request().size();
        counters.rejected += driver.tally();
    }

    @TearDown(Level.Trial)
    public void checkState() {
        driver.ledger().checkInvariants();
        System.out.printf("%n%s: %d pass(es) started, %d events into the current one, %.3f%% rejected in it%n",
            workload, passes, driver.nextEvent(), 100.0 * driver.rejected() / Math.max(1, driver.tallied()));
    }

    private void newPass() {
        driver = null;
        System.gc();
        driver = LedgerDriver.loaded(stream);
        if (preallocate) {
            driver.ledger().preallocate();
        }
        passes++;
    }
}
