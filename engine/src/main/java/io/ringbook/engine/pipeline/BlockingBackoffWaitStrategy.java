package io.ringbook.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * The default wait strategy. Sleeps on a lock while nothing new is published (no CPU when idle, like Disruptor's
 * {@code BlockingWaitStrategy}), and while an earlier stage is still working on published slots it spins briefly,
 * then yields, then parks in naps that double from 50 us up to 1 ms. Disruptor's blocking strategy busy-spins in that
 * second case, so on a 2-core machine the reply stage would burn a core for as long as every journal commit or large
 * request takes; here a long wait (an fsync, say) costs about 2% of a core and at most 1 ms of extra latency.
 */
final class BlockingBackoffWaitStrategy implements WaitStrategy {
    private static final int SPIN_TRIES = 100;
    private static final int YIELD_TRIES = 100;
    private static final long PARK_MIN_NS = 50_000;
    private static final long PARK_MAX_NS = 1_000_000;

    private final Object mutex = new Object();

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
                        final SequenceBarrier barrier) throws AlertException, InterruptedException {
        if (cursor.get() < sequence) {
            synchronized (mutex) {
                while (cursor.get() < sequence) {
                    barrier.checkAlert();
                    mutex.wait();
                }
            }
        }
        long available;
        int tries = 0;
        long parkNs = PARK_MIN_NS;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (tries < SPIN_TRIES) {
                Thread.onSpinWait();
            } else if (tries < SPIN_TRIES + YIELD_TRIES) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(parkNs);
                parkNs = Math.min(PARK_MAX_NS, parkNs * 2);
            }
            tries++;
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        synchronized (mutex) {
            mutex.notifyAll();
        }
    }
}
