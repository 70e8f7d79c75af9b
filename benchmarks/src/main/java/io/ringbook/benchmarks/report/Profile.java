package io.ringbook.benchmarks.report;

import io.ringbook.model.Limits;

/**
 * How much a report measures. {@code full} is the one to publish: the standard 10,000,000-transfer pass at the large
 * batch sizes, three runs of everything (the report shows the median, and the spread where it plots error bars).
 * {@code quick} checks that the whole pipeline works and shows the shape in a few minutes: one run, a tenth of the
 * volume; its numbers are not for planning.
 */
enum Profile {
    QUICK(1, 10, 5, new long[] {100_000, 1_000_000}),
    FULL(3, 1, 15, new long[] {1_000_000, 4_000_000, 10_000_000});

    private final int runs;
    private final int divisor;
    private final int latencySeconds;
    private final long[] restartTransfers;

    Profile(final int runs, final int divisor, final int latencySeconds, final long[] restartTransfers) {
        this.runs = runs;
        this.divisor = divisor;
        this.latencySeconds = latencySeconds;
        this.restartTransfers = restartTransfers;
    }

    int runs() {
        return runs;
    }

    /**
     * Transfers per closed-loop run at a batch size: the standard pass (10M) at the largest request, fewer for smaller
     * requests, so each run takes a few seconds on a 2-core machine at the throughput that batch size reaches.
     */
    long transfers(final int batch) {
        final long full;
        if (batch >= Limits.REQUEST_SIZE_MAX) {
            full = 10_000_000;
        } else if (batch >= 1000) {
            full = 3_000_000;
        } else if (batch >= 100) {
            full = 2_000_000;
        } else if (batch >= 10) {
            full = 1_000_000;
        } else {
            full = 300_000;
        }
        return full / divisor;
    }

    /** Measured seconds of each open-loop latency run (after a warm-up that is not recorded). */
    int latencySeconds() {
        return latencySeconds;
    }

    /** Transfers in the states whose restart is timed ({@code uniform-1m}: 1,000,000 accounts each). */
    long[] restartTransfers() {
        return restartTransfers.clone();
    }
}
