package io.ringbook.benchmarks;

import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;

import java.util.Locale;

/**
 * Prints the memory a ledger preallocates per account and per transfer for given capacities, as the ledger itself
 * counts it ({@link Ledger#accountBytes()}, {@link Ledger#transferBytes()}), plus the heap the JVM saw the whole
 * ledger take. For capacity planning: the sizes are fixed at start, whatever the ledger holds.
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.ringbook.benchmarks.LedgerFootprint [accounts] [transfers]
 * </pre>
 */
public final class LedgerFootprint {
    private LedgerFootprint() {
    }

    public static void main(final String[] args) {
        final int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int transfers = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        final LedgerConfig config = LedgerConfig.of(accounts, transfers);
        final long before = usedHeap();
        final Ledger ledger = new Ledger(config);
        final long after = usedHeap();
        System.out.printf(Locale.ROOT, "%s%n", config);
        System.out.printf(Locale.ROOT, "accounts:  %,d bytes = %.1f bytes per account (records + id index)%n",
            ledger.accountBytes(), ledger.accountBytes() / (double) accounts);
        System.out.printf(Locale.ROOT, "transfers: %,d bytes = %.1f bytes per transfer (records + id index + expiry)%n",
            ledger.transferBytes(), ledger.transferBytes() / (double) transfers);
        System.out.printf(Locale.ROOT, "whole ledger on the heap (history, failed ids and the rest included): "
            + "%,d bytes%n", after - before);
        System.out.printf("(ledger with %d accounts kept alive until here)%n", ledger.accountCount());
    }

    /** Heap in use after a few collections: the growth between two calls is what was allocated and kept. */
    public static long usedHeap() {
        final Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
