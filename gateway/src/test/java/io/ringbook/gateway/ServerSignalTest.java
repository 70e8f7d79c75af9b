package io.ringbook.gateway;

import io.ringbook.client.ClientConfig;
import io.ringbook.client.RingbookClient;
import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.model.Account;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import io.ringbook.snapshot.SnapshotStore;
import io.ringbook.store.Recovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server as a process: SIGKILL in the middle of a retrying client's traffic loses nothing acknowledged and
 * applies nothing twice; SIGTERM stops gracefully with a last snapshot.
 */
class ServerSignalTest {
    private static final int ACCOUNTS = 10;
    private static final int TRANSFERS = 30_000;
    private static final int CALL_SIZE = 100;
    private static final int KILLS = 2;

    @TempDir
    Path data;

    @Test
    void shouldApplyEveryTransferExactlyOnceWhenTheClientRetriesAcrossKillAndRestart() throws Exception {
        final int[] ports = ServerChild.freePorts();
        final Path log = data.resolveSibling(data.getFileName() + "-server.log");
        ServerChild server = ServerChild.start(data, ports[0], ports[1], log);
        final ClientConfig config = ClientConfig.of("127.0.0.1", ports[0])
            .withRequestTimeout(Duration.ofSeconds(90));
        try (RingbookClient client = RingbookClient.connect(config)) {
            final List<Account> accounts = new ArrayList<>();
            for (int id = 1; id <= ACCOUNTS; id++) {
                accounts.add(Account.of(id, 1, 1, 0));
            }
            client.createAccounts(accounts).join();
            final AtomicInteger acknowledged = new AtomicInteger();
            final CompletableFuture<List<Integer>> traffic = CompletableFuture.supplyAsync(
                () -> sendAll(client, acknowledged));
            for (int kill = 1; kill <= KILLS; kill++) {
                final int target = kill * TRANSFERS / (KILLS + 1);
                while (acknowledged.get() < target && !traffic.isDone()) {
                    Thread.sleep(5);
                }
                server.kill();
                server = ServerChild.start(data, ports[0], ports[1], log);
            }
            final List<Integer> statuses = traffic.join();
            assertEquals(TRANSFERS, statuses.size());
            for (int i = 0; i < statuses.size(); i++) {
                final int status = statuses.get(i);
                assertTrue(status == CreateTransferResult.CREATED.code() || status == CreateTransferResult.EXISTS
                    .code(), "transfer " + (i + 1) + " answered " + CreateTransferResult.ofCode(status));
            }
            assertAppliedExactlyOnce(client);
        } finally {
            server.destroy();
        }
    }

    @Test
    void shouldStopGracefullyOnSigtermWithALastSnapshotThatCoversEverything() throws Exception {
        final int[] ports = ServerChild.freePorts();
        final Path log = data.resolveSibling(data.getFileName() + "-server.log");
        final ServerChild server = ServerChild.start(data, ports[0], ports[1], log);
        final long hash;
        try (RingbookClient client = RingbookClient.connect(ClientConfig.of("127.0.0.1", ports[0]))) {
            client.createAccounts(List.of(Account.of(1, 1, 1, 0), Account.of(2, 1, 1, 0))).join();
            client.createTransfers(List.of(transfer(1), transfer(2))).join();
            hash = client.stateHash().join();
        }
        final int exit = server.terminate();
        assertTrue(exit == 0 || exit == 143, "exit code after SIGTERM: " + exit + "; see " + log);
        assertTrue(Files.readString(log).contains("stopped"), "the shutdown hook ran to its end; see " + log);
        final long newestIndex = SnapshotStore.readOnly(data.resolve("snapshots")).list().get(0).journalIndex();
        final Recovery.Result recovered = Recovery.recover(data.resolve("journal"), data.resolve("snapshots"),
            LedgerConfig.of(1000, 1_000_000), Long.MAX_VALUE);
        assertEquals(recovered.ledger().journalIndex(), newestIndex, "the last snapshot covers the whole journal");
        assertEquals(0, recovered.replay().requests(), "nothing left to replay after a graceful stop");
        assertEquals(hash, recovered.ledger().stateHash());
    }

    /** Sends every transfer in calls of CALL_SIZE, resubmitting a call whose future failed; the status of each. */
    private static List<Integer> sendAll(final RingbookClient client, final AtomicInteger acknowledged) {
        final List<Integer> statuses = new ArrayList<>();
        for (int from = 1; from <= TRANSFERS; from += CALL_SIZE) {
            final List<Transfer> call = new ArrayList<>();
            for (int id = from; id < from + CALL_SIZE; id++) {
                call.add(transfer(id));
            }
            List<CreateResult> results = null;
            while (results == null) {
                try {
                    results = client.createTransfers(call).join();
                } catch (final CompletionException retry) {
                    // Timed out or failed while the server was down: the same ids again are safe.
                }
            }
            results.forEach(result -> statuses.add(result.status()));
            acknowledged.addAndGet(CALL_SIZE);
        }
        return statuses;
    }

    /** Transfer {@code id}: between two of the accounts, amount = id, so a duplicate would show in the sums. */
    private static Transfer transfer(final long id) {
        return Transfer.builder().id(id).debitAccountId(1 + id % ACCOUNTS).creditAccountId(1 + (id + 1) % ACCOUNTS)
            .amount(id).ledger(1).code(1).build();
    }

    private static void assertAppliedExactlyOnce(final RingbookClient client) {
        final long[] debits = new long[ACCOUNTS + 1];
        final long[] credits = new long[ACCOUNTS + 1];
        long total = 0;
        for (long id = 1; id <= TRANSFERS; id++) {
            final Transfer t = transfer(id);
            debits[(int) t.debitAccountId()] += t.amount();
            credits[(int) t.creditAccountId()] += t.amount();
            total += t.amount();
        }
        final long[] ids = new long[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            ids[i] = i + 1;
        }
        final List<Account> accounts = client.lookupAccounts(ids).join();
        assertEquals(ACCOUNTS, accounts.size());
        for (final Account account : accounts) {
            assertEquals(debits[(int) account.id()], account.debitsPosted(), "debits of account " + account.id());
            assertEquals(credits[(int) account.id()], account.creditsPosted(), "credits of account " + account.id());
        }
        final CodeTotals totals = client.ledgerTotals(1).join().get(0);
        assertEquals(BigInteger.valueOf(total), totals.debitsPosted());
        assertEquals(totals.debitsPosted(), totals.creditsPosted());
    }
}
