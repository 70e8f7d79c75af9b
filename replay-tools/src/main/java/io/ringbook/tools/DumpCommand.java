package io.ringbook.tools;

import io.ringbook.journal.JournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code dump}: journal entries as text or JSON Lines: every REQUEST with its events, every COMMIT with its chain
 * value and whether it verifies, every OPEN of a writer session, torn batches and unreadable entries. For
 * investigating what {@code verify} reports.
 */
@Command(name = "dump", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Print journal entries: one line per request (header) and one indented line per event with "
        + "field names; commits with their chain value and whether it verifies; writer session opens; torn "
        + "(never committed) batches and unreadable entries.",
        "Exits 1 if a commit's chain does not verify or an entry is unreadable. Formats: docs/TOOLS.md."})
final class DumpCommand implements Callable<Integer> {
    /** Output formats of the dump. */
    enum Format {
        TEXT, JSONL
    }

    @Mixin
    private DataOptions data;

    @Option(names = "--from", paramLabel = "INDEX", defaultValue = "1",
        description = "Start at the first request with this journal index or higher (default: ${DEFAULT-VALUE}).")
    private long from;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N entries (default: all).")
    private Long limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "Output format: text or jsonl (JSON Lines; default: ${DEFAULT-VALUE}).")
    private Format format;

    @Override
    public Integer call() throws IOException {
        if (from < 0) {
            throw data.usage("--from must be a journal index >= 0: " + from);
        }
        if (limit != null && limit < 1) {
            throw data.usage("--limit must be at least 1: " + limit);
        }
        final Path journal = data.requireJournal();
        final PrintWriter out = data.out();
        final JournalEntries entries = format == Format.TEXT ? new TextEntries(out) : new JsonEntries(out);
        try (JournalReader reader = JournalReader.open(journal)) {
            reader.scan(from, limit == null ? Long.MAX_VALUE : limit, entries);
        }
        entries.finish();
        if (out.checkError()) {
            throw new IOException("writing the dump failed (stdout closed?)");
        }
        if (entries.brokenCommits > 0 || entries.unreadable > 0) {
            data.err().println("damage found: " + entries.brokenCommits + " commits whose chain does not verify, "
                + entries.unreadable + " unreadable entries");
            data.err().flush();
            return ReplayTool.FAILED;
        }
        return ReplayTool.OK;
    }
}
