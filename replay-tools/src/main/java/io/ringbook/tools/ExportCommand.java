package io.ringbook.tools;

import io.ringbook.snapshot.SnapshotInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code export}: accounts, transfers or totals of one snapshot file as CSV or JSON Lines, read-only, streaming. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Export accounts, transfers or per-ledger/code totals from a snapshot file as CSV or JSON Lines.",
        "Read-only and streaming: no ledger is built, so any snapshot size exports in constant memory.",
        "Column names and formats: docs/SNAPSHOT.md."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    private DataOptions data;

    @Mixin
    private ExportOptions export;

    @Option(names = "--snapshot", paramLabel = "FILE",
        description = "The snapshot file (default: the newest in the snapshot directory).")
    private Path snapshot;

    @Override
    public Integer call() throws Exception {
        final Path file = snapshot != null ? existing(snapshot) : newest();
        final long started = System.nanoTime();
        final long rows = Exporter.export(file, export, data.out());
        data.err().println("exported " + rows + " " + export.what.name().toLowerCase(Locale.ROOT)
            + " rows from " + file + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        data.err().flush();
        return ReplayTool.OK;
    }

    private Path existing(final Path file) {
        if (!Files.isRegularFile(file)) {
            throw data.usage("no snapshot file at " + file);
        }
        return file;
    }

    private Path newest() {
        final Path directory = data.requireSnapshots();
        return SnapshotFiles.newestReadable(directory).map(SnapshotInfo::file)
            .orElseThrow(() -> data.usage("no readable snapshot in " + directory));
    }
}
