package io.ringbook.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbook.gateway.http.HttpFixture.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many client threads at once: every transfer answered once, balances add up, reads stay consistent. */
class HttpConcurrencyTest {
    private static final int THREADS = 8;
    private static final int REQUESTS_PER_THREAD = 30;
    private static final int TRANSFERS_PER_REQUEST = 20;
    private static final int ACCOUNTS = 10;

    private HttpFixture http;

    @BeforeEach
    void startServer() {
        http = HttpFixture.start();
        final StringBuilder accounts = new StringBuilder("[");
        for (int id = 1; id <= ACCOUNTS; id++) {
            accounts.append(id == 1 ? "" : ",").append("{\"id\":").append(id).append(",\"ledger\":1,\"code\":1}");
        }
        final Reply created = http.post("/v1/accounts", accounts.append(']').toString());
        assertEquals(200, created.status(), created.body());
    }

    @AfterEach
    void stopServer() {
        http.close();
    }

    @Test
    void concurrentClientsGetEveryTransferAppliedExactlyOnce() throws Exception {
        final AtomicLongArray debits = new AtomicLongArray(ACCOUNTS + 1);
        final AtomicLongArray credits = new AtomicLongArray(ACCOUNTS + 1);
        final ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        try {
            final List<Future<Integer>> done = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                final int client = thread;
                done.add(clients.submit(() -> runClient(client, debits, credits)));
            }
            int answered = 0;
            for (final Future<Integer> future : done) {
                answered += future.get(2 * HttpFixture.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
            }
            assertEquals(THREADS * REQUESTS_PER_THREAD * TRANSFERS_PER_REQUEST, answered);
        } finally {
            clients.shutdownNow();
        }
        long total = 0;
        for (int id = 1; id <= ACCOUNTS; id++) {
            final JsonNode account = http.get("/v1/accounts/" + id).json();
            assertEquals(debits.get(id), account.get("debits_posted").longValue(), "account " + id);
            assertEquals(credits.get(id), account.get("credits_posted").longValue(), "account " + id);
            total += debits.get(id);
        }
        final JsonNode totals = http.get("/v1/ledgers/1/totals").json().get(0);
        assertEquals(total, totals.get("debits_posted").longValue());
        assertEquals(total, totals.get("credits_posted").longValue());
        assertTrue(http.get("/metrics").body().contains("ringbook_requests_total{protocol=\"http\","
            + "operation=\"create_transfers\",outcome=\"ok\"} " + THREADS * REQUESTS_PER_THREAD));
    }

    /** One client: requests of transfers with ids of its own, a read after each; returns the transfers created. */
    private int runClient(final int client, final AtomicLongArray debits, final AtomicLongArray credits) {
        final Random random = new Random(client);
        int created = 0;
        for (int request = 0; request < REQUESTS_PER_THREAD; request++) {
            final StringBuilder body = new StringBuilder("[");
            final long[][] moves = new long[TRANSFERS_PER_REQUEST][];
            for (int i = 0; i < TRANSFERS_PER_REQUEST; i++) {
                final long id = 1_000_000L * (client + 1) + request * TRANSFERS_PER_REQUEST + i;
                final int debit = 1 + random.nextInt(ACCOUNTS);
                final int credit = 1 + (debit + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                final long amount = 1 + random.nextInt(1000);
                moves[i] = new long[] {debit, credit, amount};
                body.append(i == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"debit_account_id\":")
                    .append(debit).append(",\"credit_account_id\":").append(credit).append(",\"amount\":")
                    .append(amount).append(",\"ledger\":1,\"code\":1}");
            }
            final Reply reply = http.post("/v1/transfers", body.append(']').toString());
            assertEquals(200, reply.status(), reply.body());
            final JsonNode results = reply.json();
            for (int i = 0; i < TRANSFERS_PER_REQUEST; i++) {
                assertEquals("created", results.get(i).get("status").asText(), reply.body());
                debits.addAndGet((int) moves[i][0], moves[i][2]);
                credits.addAndGet((int) moves[i][1], moves[i][2]);
                created++;
            }
            assertEquals(200, http.get("/v1/accounts/" + (1 + request % ACCOUNTS)).status());
        }
        return created;
    }
}
