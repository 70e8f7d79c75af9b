package io.ringbook.store;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.Ringbook;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.model.Account;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The capacities in force are journaled (CONFIGURE): a restart with other capacities replays every acknowledged
 * result as it was answered, then uses the new ones; lowering below what is stored is refused.
 */
class CapacityLimitsTest {
    /** Transfers capacity of the first run. */
    private static final int N = 4;
    private static final LedgerConfig SMALL = new LedgerConfig(10, N, 1024, 1024);
    private static final LedgerConfig LARGE = new LedgerConfig(10, 2 * N, 1024, 1024);

    @TempDir
    Path data;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private StoreConfig config(final LedgerConfig ledger) {
        return StoreConfig.defaults(data)
            .withEngine(EngineConfig.defaults().withLedgerConfig(ledger).withClock(() -> clock.addAndGet(1_000)))
            .withSnapshotEveryEvents(0).withSnapshotEvery(Duration.ZERO);
    }

    static Transfer transfer(final long id) {
        return Transfer.builder().id(id).debitAccountId(1).creditAccountId(2).amount(10).ledger(1).code(1).build();
    }

    static List<Transfer> transfers(final long first, final long last) {
        final List<Transfer> transfers = new ArrayList<>();
        for (long id = first; id <= last; id++) {
            transfers.add(transfer(id));
        }
        return transfers;
    }

    static List<Integer> statuses(final List<CreateResult> results, final int size) {
        final List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            statuses.add(CreateTransferResult.CREATED.code());
        }
        for (final CreateResult result : results) {
            statuses.set(result.index(), result.status());
        }
        return statuses;
    }

    /** Writes K = N + 2 transfers with capacity N (the last two fail); returns the state hash acknowledged. */
    static long runSmall(final LedgerStore store) {
        final Ringbook ringbook = store.ringbook();
        ringbook.createAccounts(List.of(Account.of(1, 1, 1, 0), Account.of(2, 1, 1, 0))).join();
        final List<Integer> statuses = statuses(ringbook.createTransfers(transfers(1, N + 2)).join(), N + 2);
        final int exceeded = CreateTransferResult.TRANSFERS_CAPACITY_EXCEEDED.code();
        assertEquals(exceeded, statuses.get(N));
        assertEquals(exceeded, statuses.get(N + 1));
        return ringbook.stateHash().join();
    }

    @Test
    void shouldReplayTheAcknowledgedFailuresAfterARestartWithALargerCapacity() throws IOException {
        final long acknowledged;
        try (LedgerStore store = LedgerStore.open(config(SMALL))) {
            acknowledged = runSmall(store);
        }
        DataDirectories.deleteSnapshots(data);

        final Recovery.Result replayed = Recovery.recover(data.resolve("journal"), data.resolve("snapshots"),
            LARGE, Long.MAX_VALUE);
        assertEquals(acknowledged, replayed.ledger().stateHash(), "the replay uses the journaled limit");
        assertEquals(SMALL, replayed.ledger().limits());

        try (LedgerStore store = LedgerStore.open(config(LARGE))) {
            final Ringbook ringbook = store.ringbook();
            assertEquals(List.of(), ringbook.lookupTransfers(N + 1, N + 2).join(), "the failed ids stay failed");
            assertEquals(N, ringbook.lookupTransfers(1, 2, 3, 4).join().size());
            final List<Integer> statuses = statuses(ringbook.createTransfers(transfers(N + 1, 2 * N + 1)).join(),
                N + 1);
            for (int i = 0; i < N; i++) {
                assertEquals(CreateTransferResult.CREATED.code(), statuses.get(i), "transfer " + (N + 1 + i));
            }
            assertEquals(CreateTransferResult.TRANSFERS_CAPACITY_EXCEEDED.code(), statuses.get(N));
        }
    }

    @Test
    void shouldRefuseToLowerACapacityBelowTheStoredRows() {
        try (LedgerStore store = LedgerStore.open(config(SMALL))) {
            runSmall(store);
        }
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LedgerStore.open(config(new LedgerConfig(10, N - 1, 1024, 1024))).close());
        assertTrue(e.getMessage().contains("cannot start"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be lowered"), e.getMessage());
        try (LedgerStore store = LedgerStore.open(config(SMALL))) {
            assertEquals(N, store.ringbook().lookupTransfers(1, 2, 3, 4).join().size(), "nothing was changed");
        }
    }

    @Test
    void shouldJournalTheLimitsOnlyWhenTheyChange() {
        try (LedgerStore store = LedgerStore.open(config(SMALL))) {
            runSmall(store);
        }
        final long before;
        try (LedgerStore store = LedgerStore.open(config(SMALL))) {
            before = store.recovery().orElseThrow().ledger().journalIndex();
        }
        try (LedgerStore store = LedgerStore.open(config(SMALL))) {
            assertEquals(before, store.recovery().orElseThrow().ledger().journalIndex());
            assertEquals(3, before, "CONFIGURE, accounts, transfers (the state hash is a read)");
        }
    }
}
