package io.ringbook.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Workload events processed and rejected, which JMH reports per second of timed calls next to the primary score
 * ({@code :events} is the throughput figure to read). Shared by the ledger-stage and ring benchmarks.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class EventCounters {
    public long events;
    public long rejected;

    @Setup(Level.Iteration)
    public void reset() {
        events = 0;
        rejected = 0;
    }
}
