package io.ringbook.snapshot;

import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.LedgerCut;

import java.nio.file.Path;

/**
 * What a snapshot file says about itself (its header and trailer), without reading its rows: enough to choose which
 * snapshot to load and to tell the journal where to resume.
 *
 * @param file         the snapshot file
 * @param journalIndex journal index of the last mutating request the snapshot includes: replay resumes after it
 * @param stateHash    the ledger's state hash at the cut; a load must reproduce it
 * @param bytes        file length in bytes
 * @param config       the capacities of the ledger the snapshot was taken from
 * @param header       the cut's scalars and row counts per section
 */
public record SnapshotInfo(Path file, long journalIndex, long stateHash, long bytes, LedgerConfig config,
                           LedgerCut.Header header) {

    /** Accounts in the snapshot. */
    public int accounts() {
        return header.rows(LedgerCut.Section.ACCOUNTS);
    }

    /** Transfers in the snapshot. */
    public int transfers() {
        return header.rows(LedgerCut.Section.TRANSFERS);
    }
}
