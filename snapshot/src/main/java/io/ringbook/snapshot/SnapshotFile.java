package io.ringbook.snapshot;

import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.LedgerCut;
import io.ringbook.engine.state.LedgerCut.Section;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One snapshot file: write a cut to it, verify it, load a ledger from it, or read it as a stream. The layout is in
 * {@link SnapshotFormat} and docs/SNAPSHOT.md. A {@link SnapshotStore} adds naming, retention and fallback on top.
 */
public final class SnapshotFile {
    private SnapshotFile() {
    }

    /**
     * Streams {@code cut} to {@code file} on the caller's thread: written to {@code <file>.tmp}, forced to disk, then
     * renamed atomically and the directory synced, so {@code file} is either absent or complete. Does not close the
     * cut (the caller does, also when this throws).
     */
    public static SnapshotInfo write(final Path file, final LedgerCut cut) throws IOException {
        return new SnapshotWriter().write(file, cut);
    }

    /**
     * Rebuilds the ledger a snapshot holds and checks it: every checksum while reading, then the restored ledger's
     * state hash against the recorded one.
     *
     * @param config capacities of the new ledger, or {@code null} for the capacities stored in the snapshot
     * @throws SnapshotCorruptException  if a check fails
     * @throws IllegalArgumentException if {@code config} has no room for the snapshot's rows
     */
    public static Ledger load(final Path file, final LedgerConfig config) throws IOException {
        return restore(file, config).ledger();
    }

    /** {@link #load} that also answers what the file said about itself. */
    static LoadedSnapshot restore(final Path file, final LedgerConfig config) throws IOException {
        try (SnapshotReader reader = SnapshotReader.open(file)) {
            final SnapshotInfo info = reader.info();
            final LedgerConfig target = config == null ? info.config() : config;
            checkRoom(info, target);
            final Ledger ledger = Ledger.restore(target, info.header(), reader);
            if (!reader.isComplete()) {
                throw new IllegalStateException("Ledger.restore did not read every section of " + file);
            }
            final long loaded = ledger.stateHash();
            if (loaded != info.stateHash()) {
                throw new SnapshotCorruptException(file, "state hash after load is " + Long.toHexString(loaded)
                    + ", the snapshot recorded " + Long.toHexString(info.stateHash()));
            }
            return new LoadedSnapshot(ledger, info);
        }
    }

    /** Checks the header, trailer, length and every section checksum without building a ledger. */
    public static SnapshotInfo verify(final Path file) throws IOException {
        try (SnapshotReader reader = SnapshotReader.open(file)) {
            reader.verifyRest();
            return reader.info();
        }
    }

    /** Reads header and trailer only (length and their checksums checked, rows not). */
    public static SnapshotInfo info(final Path file) throws IOException {
        try (SnapshotReader reader = SnapshotReader.open(file)) {
            return reader.info();
        }
    }

    /** A streaming reader over the file's sections, for exports and tools; the caller closes it. */
    public static SnapshotReader reader(final Path file) throws IOException {
        return SnapshotReader.open(file);
    }

    private static void checkRoom(final SnapshotInfo info, final LedgerConfig config) {
        final StringBuilder problems = new StringBuilder();
        for (final Section section : Section.values()) {
            final int rows = info.header().rows(section);
            final int capacity = capacity(config, section);
            if (rows > capacity) {
                problems.append(problems.length() == 0 ? "" : ", ").append(section).append(": ").append(rows)
                    .append(" rows, capacity ").append(capacity);
            }
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException("the configured capacities have no room for snapshot " + info.file()
                + " (" + problems + ")");
        }
    }

    private static int capacity(final LedgerConfig config, final Section section) {
        switch (section) {
            case ACCOUNTS:
                return config.accountsCapacity();
            case TRANSFERS:
                return config.transfersCapacity();
            case HISTORY:
                return config.historyCapacity();
            case FAILED_IDS:
                return config.failedTransferIdsCapacity();
            default:
                throw new IllegalArgumentException("unknown section " + section);
        }
    }
}
