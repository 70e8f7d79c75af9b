package io.ringbook.benchmarks;

import io.ringbook.engine.DirectLedger;
import io.ringbook.engine.EngineConfig;
import io.ringbook.model.CodeTotals;
import io.ringbook.engine.pipeline.JournalSink;
import io.ringbook.engine.pipeline.RingbookEngine;
import io.ringbook.engine.state.Ledger;
import io.ringbook.journal.Durability;
import io.ringbook.journal.JournalWriter;
import io.ringbook.model.Limits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The in-process demo behind {@code ./ringbook-demo}: starts the engine (journal, ledger and reply stages on the
 * Disruptor ring; no-op journal), loads a standard workload's accounts, streams its transfers through the ring in
 * full requests, and prints throughput, rejections, the trial balance, the invariant check and the state hash.
 */
@Command(name = "ringbook-demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs a standard workload through the Ringbook engine in this process and prints the result.")
public final class Demo implements Callable<Integer> {
    @Option(names = "--workload", description = "uniform-10k, uniform-1m, hot-10pct, zipf, two-phase, linked-4 "
        + "(default: ${DEFAULT-VALUE})")
    private String workload = "uniform-10k";

    @Option(names = "--transfers", description = "workload events to apply (default: ${DEFAULT-VALUE})")
    private long transfers = Workload.EVENTS_DEFAULT;

    @Option(names = "--batch", description = "events per request, 1.." + Limits.REQUEST_SIZE_MAX
        + " (default: ${DEFAULT-VALUE})")
    private int batch = Limits.REQUEST_SIZE_MAX;

    @Option(names = "--wait-strategy", description = "BLOCKING, SLEEPING, YIELDING, BUSY_SPIN (default: "
        + "${DEFAULT-VALUE})")
    private EngineConfig.WaitStrategyType waitStrategy = EngineConfig.WaitStrategyType.BLOCKING;

    @Option(names = "--seed", description = "workload seed (default: ${DEFAULT-VALUE})")
    private long seed = 1;

    @Option(names = "--durability", description = "none, process or fsync (default: ${DEFAULT-VALUE}); the journal "
        + "goes to --journal")
    private String durability = "none";

    @Option(names = "--journal", description = "journal directory (default: a temporary one, deleted at the end)")
    private Path journalDirectory;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new Demo()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        final Workload shape = Workload.of(workload);
        final WorkloadStream stream = shape.stream(seed, shape.accounts(), transfers);
        System.out.printf("Generating %s: %,d accounts, %,d transfers (seed %d)...%n", shape, stream.accountCount(),
            stream.events(), seed);
        final EventTable table = EventTable.of(stream);
        final Ledger ledger = new Ledger(LedgerDriver.configFor(stream));
        final RingLoader loader = new RingLoader(stream, table);
        final int requestSize = shape.batchSizeFor(batch);
        final Durability mode = Durability.of(durability);
        final Path journal = journalDirectory != null ? journalDirectory : Files.createTempDirectory("ringbook-demo");
        final EngineConfig config = EngineConfig.defaults().withWaitStrategy(waitStrategy)
            .withLedgerConfig(ledger.config())
            .withJournalSink(mode == Durability.NONE ? JournalSink.NONE : JournalWriter.open(journal, mode));
        final long elapsedNs;
        try (RingbookEngine engine = new RingbookEngine(config, ledger, loader)) {
            loader.attach(engine);
            engine.start();
            loader.load(requestSize);
            loader.attach(engine);
            final long start = System.nanoTime();
            for (long from = 0; from < stream.events(); from += requestSize) {
                loader.publishEvents(from, (int) Math.min(requestSize, stream.events() - from));
            }
            loader.awaitReplies();
            elapsedNs = System.nanoTime() - start;
        } finally {
            if (journalDirectory == null) {
                Directories.deleteTree(journal);
            }
        }
        report(shape, loader, elapsedNs, ledger);
        return 0;
    }

    private void report(final Workload shape, final RingLoader loader, final long elapsedNs, final Ledger ledger) {
        final double seconds = elapsedNs / 1e9;
        System.out.printf("%s: %,d transfers in %.2f s = %.2f M transfers/s through the ring, %,d rejected "
                + "(%.2f%%)%n", shape, loader.events(), seconds, loader.events() / seconds / 1e6, loader.rejected(),
            100.0 * loader.rejected() / Math.max(1, loader.events()));
        System.out.printf("settings: requests of %d, durability %s, wait strategy %s, JDK %s, %d cores%n",
            shape.batchSizeFor(batch), durability, waitStrategy, Runtime.version(),
            Runtime.getRuntime().availableProcessors());
        final DirectLedger reader = new DirectLedger(ledger);
        System.out.printf("%nTrial balance, ledger %d%n%6s %10s %22s %22s %22s %22s%n", WorkloadStream.LEDGER,
            "code", "accounts", "debits_pending", "debits_posted", "credits_pending", "credits_posted");
        for (final CodeTotals row : reader.ledgerTotals(WorkloadStream.LEDGER)) {
            System.out.printf("%6d %,10d %,22d %,22d %,22d %,22d%n", row.code(), row.accounts(), row.debitsPending(),
                row.debitsPosted(), row.creditsPending(), row.creditsPosted());
        }
        ledger.checkInvariants();
        System.out.printf("%nInvariants hold (per ledger debits = credits, limits, pending = open holds). "
            + "State hash %016x%n", reader.stateHash());
    }
}
