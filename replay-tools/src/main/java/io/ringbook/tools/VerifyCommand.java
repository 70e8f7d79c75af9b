package io.ringbook.tools;

import io.ringbook.engine.state.Ledger;
import io.ringbook.journal.JournalCorruptException;
import io.ringbook.journal.ReplayResult;
import io.ringbook.snapshot.SnapshotCorruptException;
import io.ringbook.snapshot.SnapshotFile;
import io.ringbook.snapshot.SnapshotInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code verify}: proves a data directory consistent. Replays the whole journal from the start checking its integrity
 * chain, checks every ledger invariant along the way, checks every snapshot's checksums and compares its state hash
 * with the replay's at the snapshot's journal index. Any mismatch exits 1, each named by journal index or file.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Replay the whole journal from the start, verifying its integrity chain; check every ledger "
        + "invariant every N requests and at the end; verify every snapshot's checksums and compare its state hash "
        + "with the replay's at its journal index.",
        "Prints a report; exits 1 on any mismatch, naming the journal index or file."})
final class VerifyCommand implements Callable<Integer> {
    private static final long CHECK_EVERY_DEFAULT = 100_000;

    @Mixin
    private DataOptions data;

    @Mixin
    private CapacityOptions capacity;

    @Option(names = "--check-every", paramLabel = "N", defaultValue = "" + CHECK_EVERY_DEFAULT,
        description = "Check every invariant every N requests (default: ${DEFAULT-VALUE}) and at the end.")
    private long checkEvery;

    private final List<String> problems = new ArrayList<>();
    private final List<String> snapshotLines = new ArrayList<>();
    private long invariantChecks;
    private boolean invariantsBroken;

    @Override
    public Integer call() {
        if (checkEvery < 1) {
            throw data.usage("--check-every must be at least 1: " + checkEvery);
        }
        final Path journal = data.requireJournal();
        final Path snapshots = data.snapshotDirectory();
        final Deque<SnapshotInfo> pending = checkSnapshotFiles(snapshots);
        final Ledger ledger = new Ledger(capacity.forScratch(snapshots));
        final long start = System.nanoTime();
        compareSnapshots(pending, ledger);
        ReplayResult replay = null;
        String journalDamage = null;
        try (Progress progress = data.progress("verify", "requests")) {
            replay = Replays.replay(journal, ledger, Long.MAX_VALUE, true, progress, (index, request) -> {
                if (index % checkEvery == 0) {
                    checkInvariants(ledger);
                }
                compareSnapshots(pending, ledger);
                return true;
            });
        } catch (final JournalCorruptException | IllegalStateException e) {
            journalDamage = e.getMessage();
            problems.add("journal: " + journalDamage);
        }
        checkInvariants(ledger);
        for (final SnapshotInfo info : pending) {
            final String stop = (journalDamage == null ? "journal ends" : "verified journal stops") + " at index "
                + ledger.journalIndex();
            problems.add("snapshot " + info.file() + " covers journal index " + info.journalIndex() + " but the "
                + stop);
            snapshotLines.add(info.file().getFileName() + ": journal index " + info.journalIndex()
                + ", checksums ok, NOT COMPARED (the " + stop + ")");
        }
        report(journal, ledger, replay, journalDamage, System.nanoTime() - start);
        return problems.isEmpty() ? ReplayTool.OK : ReplayTool.FAILED;
    }

    /** Verifies every snapshot file's checksums; returns the good ones in journal order for the hash comparison. */
    private Deque<SnapshotInfo> checkSnapshotFiles(final Path directory) {
        final List<SnapshotInfo> good = new ArrayList<>();
        for (final Path file : SnapshotFiles.files(directory)) {
            try {
                good.add(SnapshotFile.verify(file));
            } catch (final SnapshotCorruptException e) {
                problems.add("snapshot " + file + " is corrupt: " + e.reason());
                snapshotLines.add(file.getFileName() + ": CORRUPT (" + e.reason() + ")");
            } catch (final IOException e) {
                problems.add("snapshot " + file + " cannot be read: " + ReplayTool.describe(e));
                snapshotLines.add(file.getFileName() + ": UNREADABLE");
            }
        }
        good.sort(Comparator.comparingLong(SnapshotInfo::journalIndex));
        return new ArrayDeque<>(good);
    }

    /** Compares the replayed state with every snapshot taken at the ledger's current journal index. */
    private void compareSnapshots(final Deque<SnapshotInfo> pending, final Ledger ledger) {
        while (!pending.isEmpty() && pending.peekFirst().journalIndex() == ledger.journalIndex()) {
            final SnapshotInfo info = pending.pollFirst();
            final long replayed = ledger.stateHash();
            final String name = info.file().getFileName().toString();
            if (replayed == info.stateHash()) {
                snapshotLines.add(name + ": journal index " + info.journalIndex() + ", checksums ok, state hash "
                    + Checks.hex(replayed) + " matches the replay");
            } else {
                problems.add("snapshot " + info.file() + " (journal index " + info.journalIndex() + ") has state "
                    + "hash " + Checks.hex(info.stateHash()) + " but the replay gives " + Checks.hex(replayed));
                snapshotLines.add(name + ": journal index " + info.journalIndex() + ", checksums ok, state hash "
                    + "MISMATCH");
            }
        }
    }

    /** Checks every invariant; the first violation is reported and later checks are skipped (they would repeat it). */
    private void checkInvariants(final Ledger ledger) {
        if (invariantsBroken) {
            return;
        }
        invariantChecks++;
        try {
            ledger.checkInvariants();
        } catch (final IllegalStateException e) {
            invariantsBroken = true;
            problems.add("invariant violated after journal index " + ledger.journalIndex() + ": " + e.getMessage());
        }
    }

    private void report(final Path journal, final Ledger ledger, final ReplayResult replay,
                        final String journalDamage, final long nanos) {
        final PrintWriter out = data.out();
        out.println("journal    " + journal);
        if (replay != null) {
            out.println("  chain      verified from the start: " + replay.batchesVerified() + " batches, "
                + replay.requests() + " requests, " + replay.events() + " events");
            out.println("  committed  up to journal index " + replay.committedIndex()
                + (replay.discardedTail() > 0 ? "; " + replay.discardedTail()
                + " uncommitted entries of crashed sessions dropped (never acknowledged)" : ""));
        } else {
            out.println("  chain      BROKEN: " + journalDamage);
            out.println("  verified   up to journal index " + ledger.journalIndex());
        }
        out.println("invariants " + (invariantsBroken ? "VIOLATED" : "ok") + " (" + invariantChecks
            + (invariantChecks == 1 ? " check" : " checks") + ": every " + checkEvery + " requests and at the end)");
        out.println("snapshots  " + (snapshotLines.isEmpty() ? "none" : snapshotLines.size() + ""));
        for (final String line : snapshotLines) {
            out.println("  " + line);
        }
        out.println("state      journal index " + ledger.journalIndex() + ", " + ledger.accountCount()
            + " accounts, " + ledger.transferCount() + " transfers, last timestamp " + ledger.lastTimestamp()
            + ", state hash " + Checks.hex(ledger.stateHash()));
        out.println("time       " + nanos / 1_000_000 + " ms");
        if (problems.isEmpty()) {
            out.println("OK");
        } else {
            out.println("FAILED: " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
            for (final String problem : problems) {
                out.println("  - " + problem);
            }
        }
        out.flush();
    }
}
