package io.ringbook.tools;

import io.ringbook.engine.state.LedgerConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Allocated capacities of a rebuilt ledger. The limits the rules check are journaled (CONFIGURE entries, and the
 * snapshot records those in force), so these only need to be large enough: a replay from scratch allocates those of
 * the newest readable snapshot, else the engine's defaults, unless given here; a snapshot load uses the snapshot's own
 * unless given here. An allocation smaller than a journaled limit stops the replay with an error naming the limit
 * (pass a larger {@code --accounts-capacity}/{@code --transfers-capacity}); it never answers differently. Journals
 * written before CONFIGURE existed carry no limits: for those the allocation is the limit, as before.
 */
public final class CapacityOptions {
    @Option(names = "--accounts-capacity", paramLabel = "N",
        description = "Accounts capacity of the rebuilt ledger (default: the snapshot's, else the engine default).")
    private Integer accounts;

    @Option(names = "--transfers-capacity", paramLabel = "N",
        description = "Transfers capacity of the rebuilt ledger; history and failed-id capacities follow from it "
            + "(default: the snapshot's, else the engine default).")
    private Integer transfers;

    /** The capacities given on the command line over {@code base}, or null if none was given. */
    LedgerConfig explicit(final LedgerConfig base) {
        if (accounts == null && transfers == null) {
            return null;
        }
        return LedgerConfig.of(accounts != null ? accounts : base.accountsCapacity(),
            transfers != null ? transfers : base.transfersCapacity());
    }

    /** The capacities given, or null to let a snapshot load use the snapshot's own. */
    LedgerConfig forSnapshotLoad(final Path snapshotDirectory) {
        if (accounts == null && transfers == null) {
            return null;
        }
        return explicit(newestConfig(snapshotDirectory).orElse(LedgerConfig.defaults()));
    }

    /** Capacities for a replay from the start: given, else the newest readable snapshot's, else the defaults. */
    LedgerConfig forScratch(final Path snapshotDirectory) {
        final LedgerConfig base = newestConfig(snapshotDirectory).orElse(LedgerConfig.defaults());
        final LedgerConfig given = explicit(base);
        return given != null ? given : base;
    }

    private static Optional<LedgerConfig> newestConfig(final Path snapshotDirectory) {
        return SnapshotFiles.newestReadable(snapshotDirectory).map(info -> info.config());
    }
}
