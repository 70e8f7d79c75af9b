package io.ringbook.tools;

import io.ringbook.snapshot.SnapshotExport;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** What to export and where: shared by {@code export} and {@code at}. */
public final class ExportOptions {
    /** The three exports a snapshot offers. */
    enum What {
        ACCOUNTS, TRANSFERS, TOTALS
    }

    @Option(names = "--what", required = true, paramLabel = "WHAT",
        description = "What to export: accounts, transfers or totals (per ledger and code).")
    What what;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
        description = "Output format: csv or jsonl (JSON Lines; default: ${DEFAULT-VALUE}).")
    SnapshotExport.Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;
}
