package io.ringbook.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary journal and snapshot directories the benchmarks and the demo make and remove. */
public final class Directories {
    private Directories() {
    }

    /** Deletes {@code root} and everything under it, deepest first. */
    public static void deleteTree(final Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (final Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
