package io.ringbook.tools;

import io.ringbook.snapshot.SnapshotFile;
import io.ringbook.snapshot.SnapshotInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Lists the snapshot files of a directory without changing anything in it (the store's own listing deletes stale
 * temporary files, which a tool running beside a live server must not do).
 */
final class SnapshotFiles {
    /** Snapshot file names: the store's {@code snapshot-<journal index, 20 digits>.rbs}. */
    static final String GLOB = "snapshot-*.rbs";

    private SnapshotFiles() {
    }

    /**
     * One snapshot file and what its header and trailer say, or why they could not be read.
     *
     * @param file  the file
     * @param info  its header and trailer, null if unreadable
     * @param error why it is unreadable, null if readable
     */
    record Entry(Path file, SnapshotInfo info, IOException error) {
    }

    /** Every snapshot file, newest (highest name, so highest journal index) first; a missing directory is empty. */
    static List<Path> files(final Path directory) {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, GLOB)) {
            for (final Path file : stream) {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list snapshot directory " + directory, e);
        }
        files.sort(Comparator.comparing((Path file) -> file.getFileName().toString()).reversed());
        return files;
    }

    /** Every snapshot file with its header and trailer read (rows not checked), newest first. */
    static List<Entry> entries(final Path directory) {
        final List<Entry> entries = new ArrayList<>();
        for (final Path file : files(directory)) {
            try {
                entries.add(new Entry(file, SnapshotFile.info(file), null));
            } catch (final IOException e) {
                entries.add(new Entry(file, null, e));
            }
        }
        return entries;
    }

    /** The newest snapshot whose header and trailer read. */
    static Optional<SnapshotInfo> newestReadable(final Path directory) {
        for (final Entry entry : entries(directory)) {
            if (entry.info() != null) {
                return Optional.of(entry.info());
            }
        }
        return Optional.empty();
    }
}
