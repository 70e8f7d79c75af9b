package io.ringbook.tools;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.Ringbook;
import io.ringbook.model.Account;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.store.LedgerStore;
import io.ringbook.store.StoreConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A small, fixed, deterministic data directory made through the real durable store with a manual clock (every request,
 * reads too, arrives {@link #CLOCK_STEP} after the previous): accounts, posted, pending, posted-pending, voided and
 * expired transfers, a reversal and two failed transfers (accounts of different ledgers, exceeds credits), the
 * store's CONFIGURE at journal index 1 (its capacities, journaled at the first start), a snapshot in the middle,
 * more requests, and the last snapshot the store takes on close. Records the state hash and accounts after every
 * journal index, and the event timestamps, for the tests to compare with what the tools rebuild.
 */
final class DataFixture {
    /** Arrival time of the first request (ns since the epoch, 2023-11-14); each request arrives 1 ms later. */
    static final long CLOCK_START = 1_700_000_000_000_000_000L;
    static final long CLOCK_STEP = 1_000_000L;
    /** The capacities the fixture's data directory was written with (a copy must open with at least these). */
    static final LedgerConfig LEDGER = LedgerConfig.of(1000, 10_000);
    /** Journal index of the CONFIGURE the store journals at its first start (the capacities in force). */
    static final long CONFIGURE_INDEX = 1;
    /** Journal index of the snapshot taken in the middle. */
    static final long MIDDLE_SNAPSHOT_INDEX = 5;
    /** Amount of the first posted transfer: its little-endian bytes occur once in the journal file. */
    static final long MARKER_AMOUNT = 0x0123_4567_89AB_CDEFL;
    static final long[] ACCOUNT_IDS = {1, 2, 3, 4};

    final Path data;
    /** State hash after each journal index (index 0: the empty ledger). */
    final Map<Long, Long> hashes = new HashMap<>();
    /** Every account (lookups) after each journal index. */
    final Map<Long, List<Account>> accounts = new HashMap<>();
    /** Event timestamps of each journal index's create request. */
    final Map<Long, List<Long>> timestamps = new HashMap<>();
    long lastIndex;

    private static DataFixture shared;

    private final AtomicLong clock = new AtomicLong(CLOCK_START - CLOCK_STEP);
    private Ringbook ringbook;

    private DataFixture(final Path data) {
        this.data = data;
    }

    /**
     * The fixture every test class reads (built once per test JVM in a temp directory deleted at exit); tests that
     * damage data work on a {@link #copyTo copy}.
     */
    static synchronized DataFixture shared() {
        if (shared == null) {
            try {
                final Path directory = Files.createTempDirectory("ringbook-replay-test-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
                shared = create(directory.resolve("data"));
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static void delete(final Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the data directory under {@code data}. */
    static DataFixture create(final Path data) {
        final DataFixture fixture = new DataFixture(data);
        fixture.build();
        return fixture;
    }

    private void build() {
        final EngineConfig engine = EngineConfig.defaults().withRequestSizeMax(64).withRingSize(1024)
            .withLedgerConfig(LEDGER).withClock(() -> clock.addAndGet(CLOCK_STEP));
        final StoreConfig config = StoreConfig.defaults(data).withEngine(engine).withSnapshotEveryEvents(0)
            .withSnapshotEvery(Duration.ZERO);
        try (LedgerStore store = LedgerStore.open(config)) {
            ringbook = store.ringbook();
            hashes.put(0L, new Ledger(engine.ledgerConfig()).stateHash());
            accounts.put(0L, List.of());
            lastIndex = CONFIGURE_INDEX;
            record(lastIndex);
            createAccounts();
            transfers(posted(10, 1, 2, MARKER_AMOUNT >>> 40), pending(11, 1, 3, 50, 0),
                pending(12, 2, 1, 30, 0));
            transfers(Transfer.builder().id(13).pendingId(11).amount(Transfer.AMOUNT_MAX)
                .flags(TransferFlags.POST_PENDING_TRANSFER).build());
            transfers(posted(14, 1, 2, MARKER_AMOUNT));
            assertEquals(MIDDLE_SNAPSHOT_INDEX, get(store.snapshot()).journalIndex());
            transfers(Transfer.builder().id(15).pendingId(12).flags(TransferFlags.VOID_PENDING_TRANSFER).build());
            transfers(posted(16, 2, 1, 40).toBuilder().reversesId(10).build(),
                posted(17, 3, 4, 5), pending(18, 2, 1, 7, 1), posted(19, 3, 1, 1000));
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            get(ringbook.pulse());
            record(++lastIndex);
        }
    }

    private void createAccounts() {
        final List<Account> list = List.of(
            Account.of(1, 1, 10, 0).withUserData(0x0102_0304_0506_0708L, 0x1112_1314_1516_1718L, 64, 32),
            Account.of(2, 1, 10, AccountFlags.HISTORY),
            Account.of(3, 1, 20, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS),
            Account.of(4, 2, 10, 0));
        submitted(get(ringbook.createAccounts(list)));
    }

    private void transfers(final Transfer... list) {
        submitted(get(ringbook.createTransfers(List.of(list))));
    }

    private void submitted(final List<CreateResult> results) {
        lastIndex++;
        final List<Long> ticks = new ArrayList<>();
        for (final CreateResult result : results) {
            ticks.add(result.timestamp());
        }
        timestamps.put(lastIndex, ticks);
        record(lastIndex);
    }

    private void record(final long index) {
        hashes.put(index, get(ringbook.stateHash()));
        accounts.put(index, get(ringbook.lookupAccounts(ACCOUNT_IDS)));
    }

    private static Transfer posted(final long id, final long debit, final long credit, final long amount) {
        return Transfer.builder().id(id).debitAccountId(debit).creditAccountId(credit).amount(amount).ledger(1)
            .code(1).build();
    }

    private static Transfer pending(final long id, final long debit, final long credit, final long amount,
                                    final int timeoutSeconds) {
        return posted(id, debit, credit, amount).toBuilder().flags(TransferFlags.PENDING).timeout(timeoutSeconds)
            .build();
    }

    private static <T> T get(final Future<T> future) {
        try {
            return future.get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A copy of the data directory, for tests that damage it. */
    Path copyTo(final Path target) {
        try (Stream<Path> files = Files.walk(data)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                final Path copy = target.resolve(data.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
