package io.ringbook.tools;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.model.Account;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import io.ringbook.store.LedgerStore;
import io.ringbook.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * verify and at over a journal whose capacities changed: a store with transfers capacity 4 answered
 * transfers_capacity_exceeded, crashed before a snapshot, and restarted with 8. The journaled limits make the tools
 * reproduce every acknowledged result, whatever capacities they allocate.
 */
class CapacityLimitsToolsTest {
    private static final LedgerConfig SMALL = new LedgerConfig(10, 4, 1024, 1024);
    private static final LedgerConfig LARGE = new LedgerConfig(10, 8, 1024, 1024);

    @TempDir
    Path data;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private StoreConfig config(final LedgerConfig ledger) {
        return StoreConfig.defaults(data)
            .withEngine(EngineConfig.defaults().withLedgerConfig(ledger).withClock(() -> clock.addAndGet(1_000)))
            .withSnapshotEveryEvents(0).withSnapshotEvery(Duration.ZERO);
    }

    private static List<Transfer> transfers(final long first, final long last) {
        final List<Transfer> transfers = new ArrayList<>();
        for (long id = first; id <= last; id++) {
            transfers.add(Transfer.builder().id(id).debitAccountId(1).creditAccountId(2).amount(10).ledger(1)
                .code(1).build());
        }
        return transfers;
    }

    private void dropSnapshots() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("snapshots"))) {
            for (final Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void verifyAndAtReproduceTheAcknowledgedFailures() throws IOException {
        final long acknowledged;
        final long acknowledgedIndex;
        try (LedgerStore store = LedgerStore.open(config(SMALL))) {
            store.ringbook().createAccounts(List.of(Account.of(1, 1, 1, 0), Account.of(2, 1, 1, 0))).join();
            final List<CreateResult> results = store.ringbook().createTransfers(transfers(1, 6)).join();
            assertEquals(CreateTransferResult.TRANSFERS_CAPACITY_EXCEEDED.code(), results.get(4).status());
            assertEquals(CreateTransferResult.TRANSFERS_CAPACITY_EXCEEDED.code(), results.get(5).status());
            acknowledged = store.ringbook().stateHash().join();
            acknowledgedIndex = 3;
        }
        dropSnapshots();
        final long last;
        try (LedgerStore store = LedgerStore.open(config(LARGE))) {
            for (final CreateResult result : store.ringbook().createTransfers(transfers(5, 8)).join()) {
                assertEquals(CreateTransferResult.CREATED.code(), result.status(), result.toString());
            }
            last = store.ringbook().stateHash().join();
        }

        final String verified = Cli.expect(ReplayTool.OK, "verify", "--data", data.toString()).out();
        assertTrue(verified.contains("matches the replay"), verified);
        assertTrue(verified.contains("state hash " + Checks.hex(last)), verified);

        final Cli.Result at = Cli.expect(ReplayTool.OK, "at", "--data", data.toString(), "--index",
            Long.toString(acknowledgedIndex), "--what", "transfers");
        assertTrue(at.err().contains("state hash " + Checks.hex(acknowledged)), at.err());
        assertEquals(1 + 4, at.out().lines().count(), "header and the 4 transfers acknowledged: " + at.out());

        dropSnapshots();
        final String fromScratch = Cli.expect(ReplayTool.OK, "verify", "--data", data.toString()).out();
        assertTrue(fromScratch.contains("state hash " + Checks.hex(last)), "engine default allocation: " + fromScratch);

        final Cli.Result tooSmall = Cli.run("verify", "--data", data.toString(), "--transfers-capacity", "6");
        assertTrue(tooSmall.exitCode() != ReplayTool.OK, tooSmall.toString());
        assertTrue((tooSmall.out() + tooSmall.err()).contains(
            "transfers limit 8 exceeds this ledger's allocated capacity 6"), tooSmall.toString());
    }
}
