package io.ringbook.store;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.Ringbook;
import io.ringbook.model.Account;
import io.ringbook.model.CreateResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.engine.state.LedgerConfig;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The process the crash test kills: opens a durable store on a data directory (recovering whatever a previous,
 * killed run left), then submits transfers as fast as it can with many requests in flight, and prints one line
 * {@code ack <id>} per transfer the engine acknowledged as created. Runs until killed.
 *
 * <p>Arguments: data directory, first transfer id, random seed.
 */
public final class CrashChild {
    static final LedgerConfig LEDGER = new LedgerConfig(1_000, 3_000_000, 100_000, 1_000);
    static final int ACCOUNTS = 100;
    private static final int IN_FLIGHT = 8;

    private CrashChild() {
    }

    static StoreConfig config(final Path data) {
        return StoreConfig.defaults(data)
            .withEngine(EngineConfig.defaults().withLedgerConfig(LEDGER)
                .withHaltPolicy(EngineConfig.HaltPolicy.EXIT_PROCESS))
            .withSnapshotEveryEvents(20_000).withSnapshotEvery(Duration.ofSeconds(1)).withSnapshotsKept(2);
    }

    public static void main(final String[] args) throws IOException, InterruptedException {
        final Path data = Path.of(args[0]);
        long nextId = Long.parseLong(args[1]);
        final Random random = new Random(Long.parseLong(args[2]));
        final Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII));
        final LedgerStore store = LedgerStore.open(config(data));
        final Ringbook ringbook = store.ringbook();
        final List<Account> accounts = new ArrayList<>();
        for (int id = 1; id <= ACCOUNTS; id++) {
            accounts.add(Account.of(id, 1, 1, 0));
        }
        ringbook.createAccounts(accounts).join();
        synchronized (out) {
            out.write("ready\n");
            out.flush();
        }
        final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        while (true) {
            final List<Transfer> batch = new ArrayList<>();
            final int size = 1 + random.nextInt(200);
            for (int i = 0; i < size; i++) {
                final long debit = 1 + random.nextInt(ACCOUNTS);
                final long credit = 1 + (debit + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                batch.add(Transfer.builder().id(nextId++).debitAccountId(debit).creditAccountId(credit)
                    .amount(1 + random.nextInt(1000)).ledger(1).code(1)
                    .flags(random.nextInt(10) == 0 ? TransferFlags.LINKED : 0).build());
            }
            inFlight.acquire();
            final CompletableFuture<List<CreateResult>> reply = ringbook.createTransfers(batch);
            reply.whenComplete((results, error) -> {
                inFlight.release();
                if (results != null) {
                    report(out, results);
                }
            });
        }
    }

    private static void report(final Writer out, final List<CreateResult> results) {
        final StringBuilder lines = new StringBuilder();
        for (final CreateResult r : results) {
            if (r.status() == 0) {
                lines.append("ack ").append(r.id()).append('\n');
            }
        }
        synchronized (out) {
            try {
                out.write(lines.toString());
                out.flush();
            } catch (final IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
