package io.ringbook.tools;

import io.ringbook.engine.state.Ledger;
import io.ringbook.journal.ReplayResult;
import io.ringbook.snapshot.SnapshotFile;
import io.ringbook.store.Recovery;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code at}: the state as of a journal index or a timestamp, exported like {@code export}. A timestamp selects the
 * state after every request whose events all carry timestamps at or before it: a request is atomic in time, so one
 * that straddles the timestamp is left out (and stderr says so).
 */
@Command(name = "at", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Export the state as of a journal index, or as of a timestamp (ns since the epoch, as the engine's "
        + "timestamps): the state after every request whose events all have timestamps <= T. Requests are atomic in "
        + "time: one straddling T is excluded (stderr says so).",
        "Never writes into the data directory (a temporary snapshot in the system temp directory is deleted after)."})
final class AtCommand implements Callable<Integer> {
    @Mixin
    private DataOptions data;

    @Mixin
    private CapacityOptions capacity;

    @Mixin
    private ExportOptions export;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Point point;

    /** Exactly one of the two ways to name a point in time. */
    static final class Point {
        @Option(names = "--index", paramLabel = "INDEX", required = true,
            description = "The state after the request with this journal index (0: empty).")
        private Long index;

        @Option(names = "--timestamp", paramLabel = "NS", required = true,
            description = "The state after every request whose events all have timestamps <= NS.")
        private Long timestamp;
    }

    @Override
    public Integer call() throws IOException {
        final Path journal = data.requireJournal();
        final Path snapshots = data.snapshotDirectory();
        final PrintWriter err = data.err();
        final Ledger ledger;
        final long started = System.nanoTime();
        if (point.index != null) {
            final long index = Checks.uptoIndex(data, "--index", point.index);
            try (Progress progress = data.progress("at", "requests")) {
                final Recovery.Result result = Replays.recover(journal, snapshots, capacity, index, progress);
                ledger = result.ledger();
            }
            Checks.reached(data, "--index", point.index, ledger);
        } else {
            ledger = atTimestamp(journal, snapshots, point.timestamp);
        }
        err.println("state at journal index " + ledger.journalIndex() + ": " + ledger.accountCount()
            + " accounts, " + ledger.transferCount() + " transfers, last timestamp " + ledger.lastTimestamp()
            + ", state hash " + Checks.hex(ledger.stateHash()) + " (rebuilt in "
            + (System.nanoTime() - started) / 1_000_000 + " ms)");
        err.flush();
        final long rows = Exporter.export(ledger, export, data.out());
        err.println("exported " + rows + " rows");
        err.flush();
        return ReplayTool.OK;
    }

    /**
     * The state at the last journal index whose requests all ran at or before {@code timestamp}: a first replay finds
     * the index (a replayed request cannot be undone), then the state is rebuilt up to it, unless the whole journal
     * qualified and the first replay's state is the answer.
     */
    private Ledger atTimestamp(final Path journal, final Path snapshots, final long timestamp) {
        final PrintWriter err = data.err();
        final Ledger scout = startingPoint(snapshots, timestamp);
        final TimeSearch search = new TimeSearch(scout, timestamp);
        try (Progress progress = data.progress("find timestamp", "requests")) {
            final ReplayResult replay = Replays.replay(journal, scout, Long.MAX_VALUE, false, progress,
                search::after);
            search.journalEnd = replay.committedIndex();
        }
        err.println(search.describe());
        if (search.excludedIndex < 0) {
            return scout;
        }
        try (Progress progress = data.progress("at", "requests")) {
            return Replays.recover(journal, snapshots, capacity, search.lastIndex, progress).ledger();
        }
    }

    /** The newest snapshot taken at or before {@code timestamp} that loads, or an empty ledger. */
    private Ledger startingPoint(final Path snapshots, final long timestamp) {
        for (final SnapshotFiles.Entry entry : SnapshotFiles.entries(snapshots)) {
            if (entry.info() == null || entry.info().header().lastTimestamp() > timestamp) {
                continue;
            }
            try {
                return SnapshotFile.load(entry.file(), capacity.forSnapshotLoad(snapshots));
            } catch (final IOException e) {
                data.err().println("skipping snapshot " + entry.file() + ": " + ReplayTool.describe(e));
            }
        }
        return new Ledger(capacity.forScratch(snapshots));
    }
}
