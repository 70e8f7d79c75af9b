package io.ringbook.snapshot;

import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.LedgerCut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A directory of snapshot files named {@code snapshot-<journal index, 20 digits>.rbs}, so that names sort by journal
 * index: writes new ones, keeps the newest {@code keep}, and on restart loads the newest one that verifies, falling
 * back to older ones when a file is damaged. Leftover {@code *.tmp} files (a write cut short by a crash) are deleted
 * on open and otherwise never read.
 */
public final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final Path directory;
    private final int keep;
    private final SnapshotWriter writer = new SnapshotWriter();

    private SnapshotStore(final Path directory, final int keep) {
        this.directory = directory;
        this.keep = keep;
    }

    /**
     * Opens (creating it if needed) a snapshot directory that keeps the newest {@code keep} files, and deletes stale
     * temporary files. Keep at least 2 so that a damaged newest file still leaves one to fall back to.
     */
    public static SnapshotStore open(final Path directory, final int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1: " + keep);
        }
        try {
            Files.createDirectories(directory);
            for (final Path stale : matching("*" + SnapshotFormat.SUFFIX + SnapshotFormat.TMP_SUFFIX, directory)) {
                LOG.info("Deleting unfinished snapshot {}", stale);
                Files.deleteIfExists(stale);
            }
        } catch (final IOException e) {
            throw new IllegalStateException("cannot open snapshot directory " + directory + ": " + e, e);
        }
        return new SnapshotStore(directory, keep);
    }

    /**
     * A view for readers ({@link #list}, {@link #loadNewest}) that changes nothing on disk: no directory is created
     * and unfinished files are left alone, so tools can run beside a live server. A missing directory lists empty.
     */
    public static SnapshotStore readOnly(final Path directory) {
        return new SnapshotStore(directory, Integer.MAX_VALUE);
    }

    public Path directory() {
        return directory;
    }

    public int keep() {
        return keep;
    }

    /**
     * Streams the cut to a new file on the caller's thread, then deletes the oldest files beyond {@code keep}. Does
     * NOT close the cut: the caller does, also when this throws.
     */
    public SnapshotInfo write(final LedgerCut cut) throws IOException {
        final Path file = directory.resolve(SnapshotFormat.fileName(cut.header().journalIndex()));
        final SnapshotInfo info = writer.write(file, cut);
        prune();
        return info;
    }

    /**
     * The snapshot files present, newest (highest journal index) first, from their headers and trailers; rows are not
     * verified. A file whose header or trailer cannot be read is left out with a WARN.
     */
    public List<SnapshotInfo> list() {
        final List<SnapshotInfo> infos = new ArrayList<>();
        for (final Path file : files()) {
            try {
                infos.add(SnapshotFile.info(file));
            } catch (final IOException e) {
                LOG.warn("Snapshot {} is unreadable: {}", file, reason(e));
            }
        }
        return infos;
    }

    /**
     * Loads the newest snapshot with a journal index at most {@code maxJournalIndex} that verifies (checksums, then the
     * state hash after restore). A file that fails is skipped with one WARN line naming it and why, and the next
     * older one is tried; empty if none is left.
     *
     * @param config capacities for the restored ledger, or {@code null} for the ones stored in the snapshot
     * @throws IllegalArgumentException if {@code config} has no room for a snapshot's rows
     */
    public Optional<LoadedSnapshot> loadNewest(final LedgerConfig config, final long maxJournalIndex) {
        for (final Path file : files()) {
            if (SnapshotFormat.journalIndexOf(file) > maxJournalIndex) {
                continue;
            }
            try {
                final long started = System.nanoTime();
                final LoadedSnapshot loaded = SnapshotFile.restore(file, config);
                LOG.info("Loaded snapshot {} (journal index {}, {} accounts, {} transfers) in {} ms", file,
                    loaded.info().journalIndex(), loaded.info().accounts(), loaded.info().transfers(),
                    (System.nanoTime() - started) / 1_000_000);
                return Optional.of(loaded);
            } catch (final IOException e) {
                LOG.warn("Skipping snapshot {}: {}", file, reason(e));
            }
        }
        return Optional.empty();
    }

    /** Snapshot files by name, newest first. */
    private List<Path> files() {
        try {
            final List<Path> files = new ArrayList<>();
            for (final Path file : matching(SnapshotFormat.PREFIX + "*" + SnapshotFormat.SUFFIX, directory)) {
                if (SnapshotFormat.journalIndexOf(file) >= 0 && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
            files.sort(Comparator.comparingLong(SnapshotFormat::journalIndexOf).reversed());
            return files;
        } catch (final IOException e) {
            throw new IllegalStateException("cannot list snapshot directory " + directory + ": " + e, e);
        }
    }

    private void prune() throws IOException {
        final List<Path> files = files();
        for (int i = keep; i < files.size(); i++) {
            LOG.info("Deleting old snapshot {} (keeping the newest {})", files.get(i), keep);
            Files.deleteIfExists(files.get(i));
        }
    }

    private static List<Path> matching(final String glob, final Path directory) throws IOException {
        final List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob)) {
            for (final Path path : stream) {
                found.add(path);
            }
        }
        return found;
    }

    private static String reason(final IOException e) {
        return e instanceof SnapshotCorruptException ? ((SnapshotCorruptException) e).reason() : e.toString();
    }
}
