package io.ringbook.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test helpers over a store's data directory. */
final class DataDirectories {
    private DataDirectories() {
    }

    /** Deletes every snapshot file of {@code data}: what a crash before any snapshot leaves, only the journal. */
    static void deleteSnapshots(final Path data) throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("snapshots"))) {
            for (final Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }
}
