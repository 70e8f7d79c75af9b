package io.ringbook.snapshot;

import io.ringbook.engine.state.Ledger;

/**
 * A ledger restored from a snapshot that verified (checksums and state hash), and the snapshot it came from: the
 * journal replay resumes after {@code info().journalIndex()}.
 *
 * @param ledger the restored ledger, ready to hand to the engine
 * @param info   the snapshot it was loaded from
 */
public record LoadedSnapshot(Ledger ledger, SnapshotInfo info) {
}
