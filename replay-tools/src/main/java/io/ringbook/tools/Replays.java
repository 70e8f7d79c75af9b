package io.ringbook.tools;

import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.journal.ReplayResult;
import io.ringbook.journal.RequestVisitor;
import io.ringbook.store.Recovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The store's journal replay ({@link Recovery#replay}, {@link Recovery#recover}) as the subcommands run it: with
 * progress on stderr, and without creating anything in the data directory.
 */
final class Replays {
    /** Progress is reported every this many requests. */
    private static final long PROGRESS_EVERY = 1024;

    private Replays() {
    }

    /**
     * Replays the committed requests {@code afterIndex < index <= uptoIndex} into {@code ledger}, which must be at
     * journal index {@code afterIndex}; {@code after} sees each request once applied (false stops the replay).
     *
     * @throws io.ringbook.journal.JournalCorruptException if the integrity chain or an entry is broken
     */
    static ReplayResult replay(final Path journal, final Ledger ledger, final long uptoIndex,
                               final boolean verifyFromStart, final Progress progress, final RequestVisitor after) {
        final ReplayResult result = Recovery.replay(journal, ledger, uptoIndex, verifyFromStart,
            new Counting(progress, after));
        progress.stepTo(result.requests());
        return result;
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
            final Recovery.Result result = Recovery.recover(journal, snapshots, config, uptoIndex,
                new Counting(progress, (index, request) -> true));
            progress.stepTo(result.replay().requests());
            return result;
        }
        final long start = System.nanoTime();
        final Ledger ledger = new Ledger(capacity.forScratch(snapshots));
        final ReplayResult replay = replay(journal, ledger, uptoIndex, true, progress, (index, request) -> true);
        ledger.checkInvariants();
        return new Recovery.Result(ledger, Optional.empty(), replay, System.nanoTime() - start);
    }

    /** Counts the replayed requests into a {@link Progress} on the way to the caller's visitor. */
    private static final class Counting implements RequestVisitor {
        private final Progress progress;
        private final RequestVisitor after;
        private long requests;

        Counting(final Progress progress, final RequestVisitor after) {
            this.progress = progress;
            this.after = after;
        }

        @Override
        public boolean onRequest(final long index, final CommandRequest request) {
            requests++;
            if (requests % PROGRESS_EVERY == 0) {
                progress.stepTo(requests);
            }
            return after.onRequest(index, request);
        }
    }
}
