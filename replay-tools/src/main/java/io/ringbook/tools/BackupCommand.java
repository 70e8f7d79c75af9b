package io.ringbook.tools;

import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.journal.JournalCorruptException;
import io.ringbook.snapshot.SnapshotFile;
import io.ringbook.snapshot.SnapshotInfo;
import io.ringbook.store.Recovery;
import io.ringbook.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code backup}: an online, verified copy of a data directory, taken beside the live server that owns it (no lock,
 * read-only). The newest snapshot that verifies is copied first, then the journal files (which therefore cover at
 * least the snapshot's journal index); the copy of the journal's last file is cut at its last whole excerpt, as a
 * crash would leave it. The result is laid out as a data directory and verified the way a server would restore it:
 * the snapshot loads (checksums, state hash), the journal after it replays with its integrity chain checked, and
 * reaches at least the snapshot's index. Written into a temporary sibling directory, renamed into place only when it
 * verified: a directory named by {@code --to} is a valid backup or does not exist.
 */
@Command(name = "backup", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Copy a data directory (the newest snapshot that verifies, then the journal) into a new directory "
        + "laid out as a data directory, while a server runs on it (no lock, read-only), and verify the copy: the "
        + "snapshot loads with its state hash, the journal after it replays with its integrity chain checked and "
        + "reaches at least the snapshot's journal index.",
        "Restore: start the server on the backup (--data-dir BACKUP_DIR). Exits 1 if the copy does not verify "
            + "(nothing is left at --to)."})
final class BackupCommand implements Callable<Integer> {
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(10);
    private static final int HTTP_OK = 200;

    @Mixin
    private DataOptions data;

    @Mixin
    private CapacityOptions capacity;

    @Option(names = "--to", paramLabel = "BACKUP_DIR", required = true,
        description = "Where the backup goes: a directory that does not exist yet or is empty.")
    private Path to;

    @Option(names = "--snapshot-first", paramLabel = "URL",
        description = "Ask the running server for a fresh snapshot first, with POST URL "
            + "(e.g. http://127.0.0.1:8080/v1/admin/snapshot), so the backup's snapshot is recent.")
    private URI snapshotFirst;

    @Override
    public Integer call() throws IOException, InterruptedException {
        final Path journal = data.requireJournal();
        final Path snapshots = data.snapshotDirectory();
        final Path target = to.toAbsolutePath().normalize();
        if (Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target))) {
            throw data.usage("backup directory " + to + " already exists and is not empty: give a new directory");
        }
        if (snapshotFirst != null) {
            requestSnapshot();
        }
        final long start = System.nanoTime();
        final Path temporary = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid()
            + "-" + System.currentTimeMillis());
        boolean done = false;
        try {
            final StoreConfig layout = StoreConfig.defaults(temporary);
            final SnapshotInfo snapshot = copyNewestVerifiedSnapshot(snapshots, layout.snapshotDirectory());
            final JournalCopy.Copied copied = JournalCopy.copy(journal, layout.journalDirectory());
            final Recovery.Result restored;
            try {
                restored = verify(layout, snapshot, snapshots);
            } catch (final JournalCorruptException | IllegalStateException e) {
                data.out().println("FAILED: the copy of " + journal + " does not verify: " + ReplayTool.describe(e));
                data.out().flush();
                return ReplayTool.FAILED;
            }
            syncTree(temporary);
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            report(target, snapshot, copied, restored, System.nanoTime() - start);
            return ReplayTool.OK;
        } finally {
            if (!done) {
                delete(temporary);
            }
        }
    }

    /** POSTs to the server's snapshot route and waits for the answer, so the newest snapshot is recent. */
    private void requestSnapshot() throws IOException, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(snapshotFirst).timeout(SNAPSHOT_TIMEOUT)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("")).build();
        final HttpResponse<String> response = HttpClient.newHttpClient().send(request,
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != HTTP_OK) {
            throw new IOException("POST " + snapshotFirst + " answered " + response.statusCode() + ": "
                + response.body().strip());
        }
        data.err().println("snapshot taken by the server: " + response.body().strip());
        data.err().flush();
    }

    /**
     * Copies the snapshot files newest first until one copy verifies (every checksum): the copy, not the source, is
     * checked, since the server may prune or replace a source file meanwhile. Returns it, or null if none verified
     * (the backup is then the journal alone, replayed from its start).
     */
    private SnapshotInfo copyNewestVerifiedSnapshot(final Path snapshots, final Path into) throws IOException {
        Files.createDirectories(into);
        for (final Path file : SnapshotFiles.files(snapshots)) {
            final Path copy = into.resolve(file.getFileName());
            try {
                Files.copy(file, copy);
                return SnapshotFile.verify(copy);
            } catch (final IOException e) {
                data.err().println("skipping snapshot " + file + ": " + ReplayTool.describe(e));
                data.err().flush();
                Files.deleteIfExists(copy);
            }
        }
        data.err().println("no snapshot in " + snapshots + " verifies: the backup is the journal alone");
        data.err().flush();
        return null;
    }

    /** Restores the copy as a server would (snapshot + journal after it) and checks it against the snapshot. */
    private Recovery.Result verify(final StoreConfig layout, final SnapshotInfo snapshot, final Path sourceSnapshots) {
        final LedgerConfig config = snapshot != null ? capacity.forSnapshotLoad(layout.snapshotDirectory())
            : capacity.forScratch(sourceSnapshots);
        final Recovery.Result restored;
        try (Progress progress = data.progress("verify backup", "requests")) {
            restored = Recovery.recover(layout.journalDirectory(), layout.snapshotDirectory(), config,
                Long.MAX_VALUE, (index, request) -> {
                    progress.stepTo(index);
                    return true;
                });
        }
        final long snapshotIndex = snapshot == null ? 0 : snapshot.journalIndex();
        final long loadedIndex = restored.snapshot().map(SnapshotInfo::journalIndex).orElse(0L);
        if (loadedIndex != snapshotIndex) {
            throw new IllegalStateException("the backup's snapshot at journal index " + snapshotIndex
                + " did not load; the restore started from journal index " + loadedIndex);
        }
        if (snapshot != null && restored.snapshot().get().stateHash() != snapshot.stateHash()) {
            throw new IllegalStateException("the backup's snapshot changed while it was verified");
        }
        if (restored.ledger().journalIndex() < snapshotIndex) {
            throw new IllegalStateException("the copied journal ends at journal index "
                + restored.ledger().journalIndex() + ", before the snapshot's " + snapshotIndex);
        }
        return restored;
    }

    private void report(final Path target, final SnapshotInfo snapshot, final JournalCopy.Copied copied,
                        final Recovery.Result restored, final long nanos) {
        final PrintWriter out = data.out();
        final Ledger ledger = restored.ledger();
        final long snapshotBytes = snapshot == null ? 0 : snapshot.bytes();
        out.println("backup     " + target);
        out.println("  snapshot   " + (snapshot == null ? "none (the journal is replayed from its start)"
            : snapshot.file().getFileName() + ": journal index " + snapshot.journalIndex() + ", state hash "
            + Checks.hex(snapshot.stateHash()) + ", " + snapshot.bytes() + " bytes, checksums ok"));
        out.println("  journal    " + copied.files() + " files, " + copied.bytes() + " bytes; committed up to journal "
            + "index " + restored.replay().committedIndex()
            + (copied.tailZeroed() > 0 ? "; an excerpt in progress cut off the copy's end" : "")
            + (restored.replay().discardedTail() > 0 ? "; " + restored.replay().discardedTail()
            + " uncommitted entries dropped (never acknowledged)" : ""));
        out.println("verified   snapshot loaded with its state hash; " + restored.replay().requests()
            + " requests after it replayed, integrity chain ok; invariants ok");
        out.println("state      journal index " + ledger.journalIndex() + ", " + ledger.accountCount()
            + " accounts, " + ledger.transferCount() + " transfers, state hash " + Checks.hex(ledger.stateHash()));
        out.println("bytes      " + (snapshotBytes + copied.bytes()));
        out.println("time       " + nanos / 1_000_000 + " ms");
        out.println("OK");
        out.flush();
    }

    private static boolean isEmpty(final Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Makes every copied file and directory entry durable before the rename publishes the backup. */
    private static void syncTree(final Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (final Path path : (Iterable<Path>) paths::iterator) {
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                    channel.force(true);
                }
            }
        }
    }

    private static void delete(final Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
