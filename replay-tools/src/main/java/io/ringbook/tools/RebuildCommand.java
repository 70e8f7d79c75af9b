package io.ringbook.tools;

import io.ringbook.engine.DirectLedger;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerCut;
import io.ringbook.journal.ReplayResult;
import io.ringbook.snapshot.SnapshotInfo;
import io.ringbook.snapshot.SnapshotStore;
import io.ringbook.store.DataDirectoryInUseException;
import io.ringbook.store.DataDirectoryLock;
import io.ringbook.store.Recovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code rebuild}: journal (after the newest verified snapshot, or from the start) to state to a new snapshot file.
 * For a server that should start from a fresh snapshot, or to check that a rebuilt state hashes like the live one.
 * The only subcommand that writes into a data directory: when the output is a server's snapshot directory (or a data
 * directory), it holds that data directory's lock while it runs, and refuses at once if a server holds it.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Rebuild the state from the journal (after the newest verified snapshot unless --from-scratch) "
        + "and write it as a new snapshot file.",
        "Prints the journal index, counts, state hash and timings."})
final class RebuildCommand implements Callable<Integer> {
    @Mixin
    private DataOptions data;

    @Mixin
    private CapacityOptions capacity;

    @Option(names = "--from-scratch", description = "Ignore every snapshot: replay the whole journal.")
    private boolean fromScratch;

    @Option(names = "--upto", paramLabel = "INDEX",
        description = "Stop at this journal index (default: the last committed request).")
    private Long upto;

    @Option(names = "--output", paramLabel = "DIR",
        description = "Write the snapshot into DIR (created if needed) instead of the snapshot directory.")
    private Path output;

    @Override
    public Integer call() throws Exception {
        final Path journal = data.requireJournal();
        final long uptoIndex = Checks.uptoIndex(data, "--upto", upto);
        final Path snapshots = data.snapshotDirectory();
        final Path directory = output != null ? output : snapshots;
        final DataDirectoryLock lock;
        try {
            lock = DataDirectoryLock.dataDirectoryOf(directory).map(DataDirectoryLock::acquire).orElse(null);
        } catch (final DataDirectoryInUseException e) {
            data.err().println("ringbook-replay rebuild: " + e.inUse()
                + "; stop it first or write the snapshot elsewhere with --output DIR");
            data.err().flush();
            return ReplayTool.ERROR;
        }
        try {
            return rebuild(journal, uptoIndex, snapshots, directory);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** Replays, then writes the snapshot into {@code directory} (locked by the caller if a server could use it). */
    private int rebuild(final Path journal, final long uptoIndex, final Path snapshots, final Path directory)
        throws Exception {
        final Ledger ledger;
        final String origin;
        final ReplayResult replay;
        final long replayNs;
        try (Progress progress = data.progress("rebuild", "requests")) {
            final long start = System.nanoTime();
            if (fromScratch) {
                ledger = new Ledger(capacity.forScratch(snapshots));
                replay = Replays.replay(journal, ledger, uptoIndex, true, progress, (index, request) -> true);
                ledger.checkInvariants();
                origin = "the start of the journal";
            } else {
                final Recovery.Result result = Replays.recover(journal, snapshots, capacity, uptoIndex, progress);
                ledger = result.ledger();
                replay = result.replay();
                origin = result.snapshot().map(s -> "snapshot " + s.file() + " (journal index " + s.journalIndex()
                    + ")").orElse("the start of the journal (no usable snapshot)");
            }
            replayNs = System.nanoTime() - start;
        }
        Checks.reached(data, "--upto", upto, ledger);
        final long writeStart = System.nanoTime();
        final SnapshotInfo info;
        try (LedgerCut cut = new DirectLedger(ledger).snapshotCut()) {
            info = SnapshotStore.open(directory, Integer.MAX_VALUE).write(cut);
        }
        final long writeNs = System.nanoTime() - writeStart;
        final PrintWriter out = data.out();
        out.println("rebuilt journal index " + ledger.journalIndex() + " from " + origin);
        out.println("  replayed   " + replay.requests() + " requests, " + replay.events() + " events in "
            + replayNs / 1_000_000 + " ms" + (replay.discardedTail() > 0 ? " (" + replay.discardedTail()
            + " uncommitted journal entries dropped)" : ""));
        out.println("  state      " + ledger.accountCount() + " accounts, " + ledger.transferCount()
            + " transfers, last timestamp " + ledger.lastTimestamp() + ", state hash " + Checks.hex(info.stateHash()));
        out.println("  snapshot   " + info.file() + " (" + info.bytes() + " bytes) written in " + writeNs / 1_000_000
            + " ms");
        out.flush();
        return ReplayTool.OK;
    }
}
