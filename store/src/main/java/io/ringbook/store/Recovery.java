package io.ringbook.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.journal.JournalReader;
import io.ringbook.journal.ReplayResult;
import io.ringbook.journal.RequestVisitor;
import io.ringbook.snapshot.LoadedSnapshot;
import io.ringbook.snapshot.SnapshotInfo;
import io.ringbook.snapshot.SnapshotStore;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Rebuilds the ledger from a data directory: the newest snapshot that verifies (a corrupt one is skipped, with a
 * warning, for the one before it), then the journal's committed requests after the snapshot's index, every replayed
 * batch checked against the integrity chain. Read-only: it never writes to the directory, so the tools use it too.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /**
     * What recovery found and did.
     *
     * @param ledger   the rebuilt state, at journal index {@code ledger.journalIndex()}
     * @param snapshot the snapshot it started from, if any
     * @param replay   the journal replay after it
     * @param nanos    time taken
     */
    public record Result(Ledger ledger, Optional<SnapshotInfo> snapshot, ReplayResult replay, long nanos) {
        @Override
        public String toString() {
            return "recovered journal index " + ledger.journalIndex() + " ("
                + snapshot.map(s -> "snapshot " + s.file().getFileName() + " at index " + s.journalIndex())
                    .orElse("no snapshot")
                + " + " + replay.requests() + " requests / " + replay.events() + " events replayed) in "
                + nanos / 1_000_000 + " ms: " + ledger.accountCount() + " accounts, " + ledger.transferCount()
                + " transfers";
        }
    }

    private Recovery() {
    }

    /**
     * Recovers the state as of journal index {@code uptoIndex} ({@code Long.MAX_VALUE}: everything committed).
     *
     * @param config capacities of the rebuilt ledger; null: those the snapshot recorded (or defaults without one)
     * @throws io.ringbook.journal.JournalCorruptException if the journal's integrity chain is broken
     * @throws IllegalStateException                       if the snapshots and the journal disagree
     */
    public static Result recover(final Path journalDirectory, final Path snapshotDirectory,
                                 final LedgerConfig config, final long uptoIndex) {
        return recover(journalDirectory, snapshotDirectory, config, uptoIndex, (index, request) -> true);
    }

    /**
     * Recovers like {@link #recover(Path, Path, LedgerConfig, long)}, showing {@code after} each request replayed
     * from the journal (for progress; false stops the replay there).
     */
    public static Result recover(final Path journalDirectory, final Path snapshotDirectory,
                                 final LedgerConfig config, final long uptoIndex, final RequestVisitor after) {
        final long start = System.nanoTime();
        final Optional<LoadedSnapshot> loaded = SnapshotStore.readOnly(snapshotDirectory)
            .loadNewest(config, uptoIndex);
        final Ledger ledger = loaded.map(LoadedSnapshot::ledger)
            .orElseGet(() -> new Ledger(config == null ? LedgerConfig.defaults() : config));
        final long snapshotIndex = ledger.journalIndex();
        final ReplayResult replay = replay(journalDirectory, ledger, uptoIndex, snapshotIndex == 0, after);
        if (uptoIndex == Long.MAX_VALUE && replay.lastIndex() < snapshotIndex) {
            throw new IllegalStateException("snapshot " + loaded.map(l -> l.info().file()).orElse(null)
                + " covers journal index " + snapshotIndex + " but the journal ends at " + replay.lastIndex()
                + ": the journal was truncated or belongs to another data directory");
        }
        ledger.checkInvariants();
        final Result result = new Result(ledger, loaded.map(LoadedSnapshot::info), replay, System.nanoTime() - start);
        LOG.info(result.toString());
        return result;
    }

    /**
     * The one journal replay loop, for recovery and the tools: replays the committed requests {@code afterIndex <
     * index <= uptoIndex} into {@code ledger}, which is at journal index {@code afterIndex}, and checks that each lands
     * at its own index. The reader checks the integrity chain of every batch it delivers (from the journal's start
     * with {@code verifyFromStart}) and drops a torn tail; {@code after} sees each request once the ledger applied it
     * (its commands still hold their input), and false from it stops the replay.
     *
     * @throws io.ringbook.journal.JournalCorruptException if the integrity chain or an entry is broken
     * @throws IllegalStateException                       if a request lands at another index than its entry's
     */
    public static ReplayResult replay(final Path journalDirectory, final Ledger ledger, final long uptoIndex,
                                      final boolean verifyFromStart, final RequestVisitor after) {
        final long afterIndex = ledger.journalIndex();
        try (JournalReader reader = JournalReader.open(journalDirectory)) {
            return reader.replay(afterIndex, uptoIndex, verifyFromStart, (index, request) -> {
                ledger.execute(request);
                if (ledger.journalIndex() != index) {
                    throw new IllegalStateException("journal entry " + index + " replayed as request "
                        + ledger.journalIndex() + ": the journal and the state at journal index " + afterIndex
                        + " it was replayed onto disagree");
                }
                return after.onRequest(index, request);
            });
        }
    }
}
