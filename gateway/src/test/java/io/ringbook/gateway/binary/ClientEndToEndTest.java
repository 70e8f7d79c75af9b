package io.ringbook.gateway.binary;

import io.ringbook.client.ClientConfig;
import io.ringbook.client.RingbookClient;
import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.Ringbook;
import io.ringbook.gateway.GatewayConfig;
import io.ringbook.model.Account;
import io.ringbook.model.AccountFilter;
import io.ringbook.model.AccountFlags;
import io.ringbook.model.CreateAccountResult;
import io.ringbook.model.CreateResult;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Page;
import io.ringbook.model.QueryFilter;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java client against the real binary server: every operation, and many threads through one client. */
class ClientEndToEndTest {
    private static final int LEDGER = 7;

    private final ServerFixture server = ServerFixture.start();
    private final RingbookClient client = RingbookClient.connect(ClientConfig.of("127.0.0.1", server.port));

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void shouldAnswerEveryOperationThroughTheClientLikeTheEmbeddedApi() {
        final Ringbook embedded = server.ringbook;
        final List<CreateResult> accounts = client.createAccounts(List.of(
            Account.of(1, LEDGER, 10, AccountFlags.HISTORY).withUserData(0, 99, 5, 6),
            Account.of(2, LEDGER, 20, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS),
            Account.of(3, LEDGER, 20, 0), Account.of(1, LEDGER, 10, 0))).join();
        assertEquals(List.of(CreateAccountResult.CREATED, CreateAccountResult.CREATED, CreateAccountResult.CREATED,
                CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS),
            accounts.stream().map(r -> CreateAccountResult.ofCode(r.status())).toList());
        final List<CreateResult> transfers = client.createTransfers(List.of(
            transfer(10, 1, 2, 500, 0), transfer(11, 2, 3, 100, TransferFlags.PENDING),
            transfer(12, 2, 3, 10_000, 0), transfer(13, 1, 3, 7, TransferFlags.LINKED),
            transfer(14, 1, 1, 7, 0))).join();
        assertEquals(List.of(CreateTransferResult.CREATED, CreateTransferResult.CREATED,
                CreateTransferResult.EXCEEDS_CREDITS, CreateTransferResult.LINKED_EVENT_FAILED,
                CreateTransferResult.ACCOUNTS_MUST_BE_DIFFERENT),
            transfers.stream().map(r -> CreateTransferResult.ofCode(r.status())).toList());
        assertEquals(transfers.get(0).timestamp(), client.lookupTransfers(10).join().get(0).timestamp());

        assertEquals(embedded.lookupAccounts(3, 99, 1).join(), client.lookupAccounts(3, 99, 1).join());
        assertEquals(embedded.lookupTransfers(11, 10, 12).join(), client.lookupTransfers(11, 10, 12).join());
        final AccountFilter filter = AccountFilter.of(2, 10);
        assertEquals(embedded.getAccountTransfers(filter).join(), client.getAccountTransfers(filter).join());
        final AccountFilter history = AccountFilter.of(1, 10).withFlags(AccountFilter.CREDITS | AccountFilter.DEBITS
            | AccountFilter.REVERSED);
        assertEquals(embedded.getAccountBalances(history).join(), client.getAccountBalances(history).join());
        assertEquals(1, client.getAccountBalances(history).join().size());
        final QueryFilter query = QueryFilter.of(LEDGER, 20, 10);
        assertEquals(embedded.queryAccounts(query).join(), client.queryAccounts(query).join());
        assertEquals(embedded.queryTransfers(QueryFilter.of(LEDGER, 1, 10)).join(),
            client.queryTransfers(QueryFilter.of(LEDGER, 1, 10)).join());
        assertEquals(embedded.ledgerTotals(LEDGER).join(), client.ledgerTotals(LEDGER).join());
        assertEquals(embedded.stateHash().join(), client.stateHash().join());
    }

    @Test
    void shouldAnswerEmptyCallsWithEmptyListsAndChangeNothing() {
        final long hash = server.ringbook.stateHash().join();
        assertEquals(List.of(), client.createAccounts(List.of()).join());
        assertEquals(List.of(), client.createTransfers(List.of()).join());
        assertEquals(List.of(), client.lookupAccounts().join());
        assertEquals(List.of(), client.lookupTransfers().join());
        assertEquals(hash, client.stateHash().join());
    }

    @Test
    void shouldGiveEachOfManyThreadsItsOwnResultsThroughOneClient() throws Exception {
        client.createAccounts(List.of(Account.of(1, LEDGER, 1, 0), Account.of(2, LEDGER, 1, 0))).join();
        final int threads = 16;
        final int perThread = 250;
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            final List<Future<List<CreateResult>>> answers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final long firstId = 1000L + (long) t * perThread;
                answers.add(pool.submit(() -> {
                    final List<CompletableFuture<CreateResult>> calls = new ArrayList<>();
                    for (long id = firstId; id < firstId + perThread; id++) {
                        calls.add(client.createTransfer(transfer(id, 1, 2, 1, 0)));
                    }
                    return calls.stream().map(CompletableFuture::join).toList();
                }));
            }
            for (int t = 0; t < threads; t++) {
                final List<CreateResult> results = answers.get(t).get();
                for (int i = 0; i < perThread; i++) {
                    assertEquals(1000L + (long) t * perThread + i, results.get(i).id());
                    assertEquals(CreateTransferResult.CREATED.code(), results.get(i).status());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, client.lookupAccounts(2).join().get(0).creditsPosted());
    }

    @Test
    void shouldFollowContinuationsSoATinyScanBudgetStillGivesFullPages() {
        try (ServerFixture tiny = ServerFixture.start(EngineConfig.defaults().withQueryScanMax(2),
                GatewayConfig.ephemeral());
             RingbookClient small = RingbookClient.connect(ClientConfig.of("127.0.0.1", tiny.port))) {
            small.createAccounts(List.of(Account.of(1, LEDGER, 10, 0), Account.of(2, LEDGER, 10, AccountFlags.HISTORY),
                Account.of(3, LEDGER, 20, 0))).join();
            final List<Transfer> transfers = new ArrayList<>();
            for (int id = 10; id < 40; id++) {
                transfers.add(transfer(id, id % 5 == 0 ? 1 : 3, 2, 1, 0));
            }
            small.createTransfers(transfers).join();
            assertEquals(List.of(10L, 15L, 20L), ids(small.getAccountTransfers(AccountFilter.of(1, 3)).join()));
            assertEquals(List.of(35L, 30L), ids(small.getAccountTransfers(AccountFilter.of(1, 2)
                .withFlags(AccountFilter.DEBITS | AccountFilter.REVERSED)).join()));
            assertEquals(30, small.getAccountBalances(AccountFilter.of(2, 100)).join().size());
            assertEquals(List.of(3L), small.queryAccounts(QueryFilter.of(LEDGER, 20, 10)).join().stream()
                .map(Account::id).toList());
            assertEquals(List.of(), small.queryTransfers(QueryFilter.of(LEDGER, 999, 10)).join());
            final Page<Transfer> first = small.queryTransfersPage(QueryFilter.of(LEDGER, 999, 10)).join();
            assertEquals(List.of(), first.rows());
            assertTrue(first.hasContinuation(), "the reply carries the continuation trailer");
            assertEquals(tiny.ringbook.queryTransfers(QueryFilter.of(LEDGER, 0, 30)).join(),
                small.queryTransfers(QueryFilter.of(LEDGER, 0, 30)).join());
        }
    }

    private static List<Long> ids(final List<Transfer> transfers) {
        return transfers.stream().map(Transfer::id).toList();
    }

    private static Transfer transfer(final long id, final long debit, final long credit, final long amount,
                                     final int flags) {
        return Transfer.builder().id(id).debitAccountId(debit).creditAccountId(credit).amount(amount).ledger(LEDGER)
            .code(1).flags(flags).build();
    }
}
