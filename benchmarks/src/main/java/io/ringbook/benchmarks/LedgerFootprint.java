package io.ringbook.benchmarks;

import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;

import java.util.Locale;

/**
 * Prints the memory a ledger holds per account and per transfer once its capacities are full, as the ledger itself
 * counts it ({@link Ledger#bytesAtCapacity}), and what an empty ledger with those capacities holds: the tables grow
 * with the rows stored, so the full size is what the heap must have room for, not what a start allocates.
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
        System.out.printf(Locale.ROOT, "accounts when full:  %,d bytes = %.1f bytes per account (records + id index)%n",
            accountBytesAtCapacity(accounts), accountBytesAtCapacity(accounts) / (double) accounts);
        System.out.printf(Locale.ROOT, "transfers when full: %,d bytes = %.1f bytes per transfer "
            + "(records + id index + expiry)%n", transferBytesAtCapacity(transfers),
            transferBytesAtCapacity(transfers) / (double) transfers);
        System.out.printf(Locale.ROOT, "whole ledger when full (history and failed ids included): %,d bytes%n",
            Ledger.bytesAtCapacity(config));
        System.out.printf(Locale.ROOT, "empty ledger: %,d bytes held by its tables, %,d bytes on the heap%n",
            ledger.bytesHeld(), after - before);
        System.out.printf("(ledger with %d accounts kept alive until here)%n", ledger.accountCount());
    }

    /** Bytes {@code accounts} accounts take when the accounts capacity is full (records and id index). */
    public static long accountBytesAtCapacity(final int accounts) {
        return Ledger.bytesAtCapacity(new LedgerConfig(accounts, 1, 1, 1))
            - Ledger.bytesAtCapacity(new LedgerConfig(1, 1, 1, 1));
    }

    /** Bytes {@code transfers} transfers take when the transfers capacity is full (records, id index, expiry). */
    public static long transferBytesAtCapacity(final int transfers) {
        return Ledger.bytesAtCapacity(new LedgerConfig(1, transfers, 1, 1))
            - Ledger.bytesAtCapacity(new LedgerConfig(1, 1, 1, 1));
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
