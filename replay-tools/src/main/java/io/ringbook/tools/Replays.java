package io.ringbook.tools;

import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.journal.JournalReader;
import io.ringbook.journal.ReplayResult;
import io.ringbook.store.Recovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Journal replays into a ledger, with progress, shared by the subcommands. */
final class Replays {
    /** Progress is reported every this many requests. */
    private static final long PROGRESS_EVERY = 1024;

    private Replays() {
    }

    /** Called after each replayed request (its slots still hold its input); false stops the replay. */
    @FunctionalInterface
    interface AfterRequest {
        boolean after(long index, CommandRequest request);
    }

    /**
     * Replays the committed requests {@code afterIndex < index <= uptoIndex} into {@code ledger}, which must be at
     * journal index {@code afterIndex}, checking each lands at its own index.
     *
     * @throws io.ringbook.journal.JournalCorruptException if the integrity chain or an entry is broken
     */
    static ReplayResult replay(final Path journal, final Ledger ledger, final long uptoIndex,
                               final boolean verifyFromStart, final Progress progress, final AfterRequest after) {
        final long afterIndex = ledger.journalIndex();
        try (JournalReader reader = JournalReader.open(journal)) {
            final ReplayResult result = reader.replay(afterIndex, uptoIndex, verifyFromStart, (index, request) -> {
                ledger.execute(request);
                if (ledger.journalIndex() != index) {
                    throw new IllegalStateException("journal entry " + index + " replayed as request "
                        + ledger.journalIndex() + ": the journal and the starting state disagree");
                }
                if (index % PROGRESS_EVERY == 0) {
                    progress.stepTo(index - afterIndex);
                }
                return after.after(index, request);
            });
            progress.stepTo(result.lastIndex() - afterIndex);
            return result;
        }
    }

    /**
     * The state as of journal index {@code uptoIndex}: {@link Recovery} (newest verified snapshot at or before it,
     * then the journal), or, when there is no snapshot directory, a replay from the start, so that nothing is created
     * in the data directory.
     */
    static Recovery.Result recover(final Path journal, final Path snapshots, final CapacityOptions capacity,
                                   final long uptoIndex, final Progress progress) {
        if (Files.isDirectory(snapshots)) {
            final LedgerConfig config = capacity.forSnapshotLoad(snapshots);
            return Recovery.recover(journal, snapshots, config, uptoIndex);
        }
        final long start = System.nanoTime();
        final Ledger ledger = new Ledger(capacity.forScratch(snapshots));
        final ReplayResult replay = replay(journal, ledger, uptoIndex, true, progress, (index, request) -> true);
        ledger.checkInvariants();
        return new Recovery.Result(ledger, Optional.empty(), replay, System.nanoTime() - start);
    }
}
