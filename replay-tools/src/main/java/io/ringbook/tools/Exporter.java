package io.ringbook.tools;

import io.ringbook.engine.DirectLedger;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerCut;
import io.ringbook.snapshot.SnapshotExport;
import io.ringbook.snapshot.SnapshotFile;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports a snapshot file, or an in-memory ledger through a temporary snapshot file, so that every export takes the
 * one streaming path of {@link SnapshotExport}. Temporary files go to the system temp directory, never the data
 * directory, and are deleted afterwards.
 */
final class Exporter {
    private static final String TEMP_PREFIX = "ringbook-replay-";
    private static final String TEMP_NAME = "state.rbs";

    private Exporter() {
    }

    /** Exports {@code snapshot} to {@code options.output} or {@code stdout}; returns the rows written. */
    static long export(final Path snapshot, final ExportOptions options, final Writer stdout) throws IOException {
        if (options.output == null) {
            final long rows = exportTo(snapshot, options, stdout);
            stdout.flush();
            return rows;
        }
        boolean done = false;
        try (Writer out = Files.newBufferedWriter(options.output, StandardCharsets.UTF_8)) {
            final long rows = exportTo(snapshot, options, out);
            done = true;
            return rows;
        } finally {
            if (!done) {
                Files.deleteIfExists(options.output);
            }
        }
    }

    /**
     * Exports the state of {@code ledger}: cuts it, writes the cut to a temporary snapshot, exports that and deletes
     * it. The ledger must not be used by anyone else meanwhile.
     */
    static long export(final Ledger ledger, final ExportOptions options, final Writer stdout) throws IOException {
        final Path directory = Files.createTempDirectory(TEMP_PREFIX);
        final Path file = directory.resolve(TEMP_NAME);
        try {
            try (LedgerCut cut = new DirectLedger(ledger).snapshotCut()) {
                SnapshotFile.write(file, cut);
            }
            return export(file, options, stdout);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory);
        }
    }

    private static long exportTo(final Path snapshot, final ExportOptions options, final Writer out)
        throws IOException {
        switch (options.what) {
            case ACCOUNTS:
                return SnapshotExport.accounts(snapshot, options.format, out);
            case TRANSFERS:
                return SnapshotExport.transfers(snapshot, options.format, out);
            case TOTALS:
                return SnapshotExport.totals(snapshot, options.format, out);
            default:
                throw new IllegalArgumentException("unknown export " + options.what);
        }
    }
}
