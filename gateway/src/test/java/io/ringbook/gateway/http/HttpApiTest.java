package io.ringbook.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbook.gateway.http.HttpFixture.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every row of DESIGN.md §6's HTTP table, end to end through the real server and engine. */
class HttpApiTest {
    private static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private HttpFixture http;

    @BeforeEach
    void startServer() {
        http = HttpFixture.startWithManualClock();
    }

    @AfterEach
    void stopServer() {
        http.close();
    }

    @Test
    void createAccountsAnswersOneResultPerEventInInputOrder() {
        final Reply first = http.post("/v1/accounts",
            "[{\"id\":1,\"ledger\":1,\"code\":10},{\"id\":0,\"ledger\":1,\"code\":10},{\"id\":\"2\",\"ledger\":1,"
                + "\"code\":10}]");
        assertEquals(200, first.status(), first.body());
        assertEquals("application/json", first.header("content-type"));
        final JsonNode results = first.json();
        assertEquals(3, results.size());
        assertResult(results.get(0), 0, 1, "created");
        assertResult(results.get(1), 1, 0, "id_must_not_be_zero");
        assertResult(results.get(2), 2, 2, "created");
        assertEquals(0, results.get(1).get("timestamp").longValue());
        assertTrue(results.get(2).get("timestamp").longValue() > results.get(0).get("timestamp").longValue());

        final JsonNode again = http.post("/v1/accounts", "[{\"id\":1,\"ledger\":1,\"code\":10}]").json();
        assertResult(again.get(0), 0, 1, "exists");
        assertEquals(results.get(0).get("timestamp"), again.get(0).get("timestamp"));
        assertEquals(List.of("index", "id", "status", "timestamp"), fieldNames(again.get(0)));
    }

    @Test
    void createTransfersAnswersLedgerResultCodesByName() {
        accounts("{\"id\":1,\"ledger\":1,\"code\":10}", "{\"id\":2,\"ledger\":1,\"code\":10,"
            + "\"flags\":[\"debits_must_not_exceed_credits\"]}");
        final JsonNode results = http.post("/v1/transfers", "["
            + transfer(10, 1, 2, "100") + ","
            + transfer(11, 2, 1, "1000") + ","
            + "{\"id\":12,\"debit_account_id\":1,\"credit_account_id\":2,\"amount\":-5,\"ledger\":1,\"code\":1}]")
            .json();
        assertResult(results.get(0), 0, 10, "created");
        assertResult(results.get(1), 1, 11, "exceeds_credits");
        assertResult(results.get(2), 2, 12, "amount_must_not_be_negative");
    }

    @Test
    void getAccountAnswersEveryFieldWithUnsignedUserDataAndFlagNames() {
        final Reply created = http.post("/v1/accounts", "[{\"id\":\"9223372036854775806\",\"ledger\":4294967295,"
            + "\"code\":65535,\"flags\":[\"history\",\"debits_must_not_exceed_credits\"],\"user_data_128\":\""
            + U128_MAX + "\",\"user_data_64\":" + U64_MAX + ",\"user_data_32\":\"4294967295\"}]");
        assertEquals("created", created.json().get(0).get("status").asText(), created.body());

        final Reply reply = http.get("/v1/accounts/9223372036854775806");
        assertEquals(200, reply.status(), reply.body());
        final JsonNode account = reply.json();
        assertEquals(List.of("id", "ledger", "code", "flags", "debits_pending", "debits_posted", "credits_pending",
            "credits_posted", "user_data_128", "user_data_64", "user_data_32", "timestamp"), fieldNames(account));
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE - 1), account.get("id").bigIntegerValue());
        assertEquals(BigInteger.valueOf(0xFFFF_FFFFL), account.get("ledger").bigIntegerValue());
        assertEquals(65535, account.get("code").intValue());
        assertEquals(List.of("debits_must_not_exceed_credits", "history"), texts(account.get("flags")));
        assertEquals(U128_MAX, account.get("user_data_128").bigIntegerValue());
        assertEquals(U64_MAX, account.get("user_data_64").bigIntegerValue());
        assertEquals(BigInteger.valueOf(0xFFFF_FFFFL), account.get("user_data_32").bigIntegerValue());
        assertEquals(created.json().get(0).get("timestamp"), account.get("timestamp"));
        assertEquals(0, account.get("credits_posted").longValue());
    }

    @Test
    void getOfAMissingRecordAnswers404NotFound() {
        final Reply account = http.get("/v1/accounts/404");
        assertEquals(404, account.status());
        assertEquals("not_found", account.error());
        assertTrue(account.json().get("message").asText().contains("404"), account.body());
        final Reply transfer = http.get("/v1/transfers/404");
        assertEquals(404, transfer.status());
        assertEquals("not_found", transfer.error());
    }

    @Test
    void getTransferAnswersEveryFieldAndTheReversedAmount() {
        accounts("{\"id\":1,\"ledger\":7,\"code\":10}", "{\"id\":2,\"ledger\":7,\"code\":10}");
        final JsonNode results = http.post("/v1/transfers", "[{\"id\":10,\"debit_account_id\":1,"
            + "\"credit_account_id\":2,\"amount\":\"500\",\"ledger\":7,\"code\":3,\"user_data_128\":"
            + "\"18446744073709551616\",\"user_data_64\":\"18446744073709551615\",\"user_data_32\":7},"
            + "{\"id\":11,\"debit_account_id\":2,\"credit_account_id\":1,\"amount\":120,\"reverses_id\":10,"
            + "\"ledger\":7,\"code\":3}]").json();
        assertEquals("created", results.get(1).get("status").asText(), results.toString());

        final JsonNode original = http.get("/v1/transfers/10").json();
        assertEquals(List.of("id", "debit_account_id", "credit_account_id", "amount", "pending_id", "reverses_id",
            "user_data_128", "user_data_64", "user_data_32", "timeout", "ledger", "code", "flags", "timestamp",
            "reversed_amount"), fieldNames(original));
        assertEquals(500, original.get("amount").longValue());
        assertEquals(120, original.get("reversed_amount").longValue());
        assertEquals(BigInteger.ONE.shiftLeft(64), original.get("user_data_128").bigIntegerValue());
        assertEquals(U64_MAX, original.get("user_data_64").bigIntegerValue());
        assertEquals(List.of(), texts(original.get("flags")));
        final JsonNode reversal = http.get("/v1/transfers/11").json();
        assertEquals(10, reversal.get("reverses_id").longValue());
        assertEquals(0, reversal.get("reversed_amount").longValue());
    }

    @Test
    void lookupsAnswerTheFoundRecordsInRequestOrder() {
        accounts("{\"id\":1,\"ledger\":1,\"code\":10}", "{\"id\":2,\"ledger\":1,\"code\":10}");
        http.post("/v1/transfers", "[" + transfer(10, 1, 2, "5") + "," + transfer(11, 2, 1, "6") + "]");
        assertEquals(List.of(2L, 1L), ids(http.post("/v1/accounts/lookup", "{\"ids\":[2,999,\"1\"]}").json()));
        assertEquals(List.of(11L, 10L), ids(http.post("/v1/transfers/lookup", "{\"ids\":[11,10,12]}").json()));
        assertEquals(List.of(), ids(http.post("/v1/transfers/lookup", "{\"ids\":[-1]}").json()));
    }

    @Test
    void emptyRequestsAnswerAnEmptyArrayWithoutTouchingTheLedger() {
        accounts("{\"id\":1,\"ledger\":1,\"code\":10}");
        final long hash = http.stateHash();
        for (final String path : new String[] {"/v1/accounts", "/v1/transfers", "/v1/accounts/lookup",
            "/v1/transfers/lookup"}) {
            final Reply reply = http.post(path, path.endsWith("lookup") ? "{\"ids\":[]}" : " [ ] ");
            assertEquals(200, reply.status(), path + ": " + reply.body());
            assertEquals("[]", reply.body(), path);
        }
        assertEquals(hash, http.stateHash());
    }

    @Test
    void aLimitAboveTheRequestLimitAnswersAtMostThatManyRows() {
        final long[] timestamps = threeTransfers();
        assertEquals(3, timestamps.length);
        assertEquals(List.of(10L, 11L, 12L), ids(http.get("/v1/accounts/2/transfers?limit=8191").json()));
        assertEquals(List.of(1L, 2L, 3L), ids(http.post("/v1/accounts/query", "{\"limit\":\"9223372036854775807\"}")
            .json()));
        try (HttpFixture small = HttpFixture.start(engine -> engine.withRequestSizeMax(2).withQueryScanMax(1),
            gateway -> gateway)) {
            small.post("/v1/accounts", "[{\"id\":1,\"ledger\":1,\"code\":10},{\"id\":2,\"ledger\":1,\"code\":10}]");
            small.post("/v1/accounts", "[{\"id\":3,\"ledger\":1,\"code\":10}]");
            final Reply clamped = small.post("/v1/accounts/query", "{\"limit\":3}");
            assertEquals(200, clamped.status(), clamped.body());
            assertEquals(List.of(1L, 2L), ids(clamped.json()));
            assertEquals(List.of(3L, 2L), ids(small.post("/v1/accounts/query", "{\"limit\":8191,\"reversed\":true}")
                .json()));
        }
    }

    @Test
    void aScanBudgetOfOneRowStillAnswersFullPages() {
        try (HttpFixture tiny = HttpFixture.start(engine -> engine.withQueryScanMax(1), gateway -> gateway)) {
            tiny.post("/v1/accounts", "[{\"id\":1,\"ledger\":1,\"code\":10},"
                + "{\"id\":2,\"ledger\":1,\"code\":10,\"flags\":[\"history\"]},{\"id\":3,\"ledger\":1,\"code\":20}]");
            final StringBuilder transfers = new StringBuilder("[");
            for (int id = 10; id < 30; id++) {
                transfers.append(id == 10 ? "" : ",").append(transfer(id, id % 3 == 0 ? 1 : 3, 2, "1"));
            }
            assertEquals(200, tiny.post("/v1/transfers", transfers.append(']').toString()).status());
            assertEquals(List.of(12L, 15L, 18L, 21L), ids(tiny.get("/v1/accounts/1/transfers?limit=4").json()));
            assertEquals(List.of(29L, 28L, 26L), ids(tiny.get("/v1/accounts/3/transfers?limit=3&reversed=true")
                .json()));
            assertEquals(20, tiny.get("/v1/accounts/2/balances?limit=100").json().size());
            assertEquals(List.of(3L), ids(tiny.post("/v1/accounts/query", "{\"code\":20}").json()));
            assertEquals(List.of(29L, 28L), ids(tiny.post("/v1/transfers/query", "{\"limit\":2,\"reversed\":true}")
                .json()));
            assertEquals(List.of(), ids(tiny.post("/v1/transfers/query", "{\"code\":999}").json()));
        }
    }

    @Test
    void accountTransfersApplyEveryFilter() {
        final long[] timestamps = threeTransfers();
        assertEquals(List.of(10L, 11L, 12L), ids(http.get("/v1/accounts/2/transfers").json()));
        assertEquals(List.of(11L), ids(http.get("/v1/accounts/2/transfers?debits=true").json()));
        assertEquals(List.of(10L, 12L), ids(http.get("/v1/accounts/2/transfers?credits=true").json()));
        assertEquals(List.of(10L, 11L, 12L), ids(http.get("/v1/accounts/2/transfers?credits=true&debits=true")
            .json()));
        assertEquals(List.of(12L, 11L, 10L), ids(http.get("/v1/accounts/2/transfers?reversed=true").json()));
        assertEquals(List.of(10L, 11L), ids(http.get("/v1/accounts/2/transfers?limit=2").json()));
        assertEquals(List.of(10L, 12L), ids(http.get("/v1/accounts/2/transfers?code=1").json()));
        assertEquals(List.of(12L), ids(http.get("/v1/accounts/2/transfers?user_data_64=7").json()));
        assertEquals(List.of(12L), ids(http.get("/v1/accounts/2/transfers?user_data_128=8&user_data_32=9").json()));
        assertEquals(List.of(11L, 12L), ids(http.get("/v1/accounts/2/transfers?timestamp_min=" + timestamps[1])
            .json()));
        assertEquals(List.of(10L, 11L), ids(http.get("/v1/accounts/2/transfers?timestamp_max=" + timestamps[1])
            .json()));
        assertEquals(List.of(), ids(http.get("/v1/accounts/2/transfers?debits=false").json()));
        assertEquals(List.of(), ids(http.get("/v1/accounts/404/transfers").json()));
    }

    @Test
    void accountBalancesAnswerTheHistoryRows() {
        final long[] timestamps = threeTransfers();
        final JsonNode rows = http.get("/v1/accounts/2/balances").json();
        assertEquals(3, rows.size(), rows.toString());
        assertEquals(List.of("timestamp", "debits_pending", "debits_posted", "credits_pending", "credits_posted"),
            fieldNames(rows.get(0)));
        for (int i = 0; i < 3; i++) {
            assertEquals(timestamps[i], rows.get(i).get("timestamp").longValue());
        }
        assertEquals(100, rows.get(0).get("credits_posted").longValue());
        assertEquals(30, rows.get(1).get("debits_posted").longValue());
        assertEquals(105, rows.get(2).get("credits_posted").longValue());
        final JsonNode newest = http.get("/v1/accounts/2/balances?reversed=true&limit=1&credits=true").json();
        assertEquals(1, newest.size());
        assertEquals(timestamps[2], newest.get(0).get("timestamp").longValue());
        assertEquals(List.of(), ids(http.get("/v1/accounts/1/balances").json()));
    }

    @Test
    void queriesMatchLedgerCodeUserDataAndOrder() {
        threeTransfers();
        assertEquals(List.of(1L, 2L), ids(http.post("/v1/accounts/query", "{\"ledger\":1,\"code\":10}").json()));
        assertEquals(List.of(3L), ids(http.post("/v1/accounts/query", "{\"code\":\"20\"}").json()));
        assertEquals(List.of(3L), ids(http.post("/v1/accounts/query", "{\"reversed\":true,\"limit\":1}").json()));
        assertEquals(List.of(1L, 2L, 3L), ids(http.post("/v1/accounts/query", "{}").json()));
        assertEquals(List.of(11L), ids(http.post("/v1/transfers/query", "{\"code\":2}").json()));
        assertEquals(List.of(12L), ids(http.post("/v1/transfers/query",
            "{\"user_data_128\":8,\"user_data_64\":\"7\",\"user_data_32\":9}").json()));
        assertEquals(List.of(12L, 11L, 10L), ids(http.post("/v1/transfers/query",
            "{\"ledger\":1,\"reversed\":true,\"timestamp_min\":1,\"timestamp_max\":0}").json()));
        assertEquals(List.of(), ids(http.post("/v1/transfers/query", "{\"ledger\":2}").json()));
    }

    @Test
    void ledgerTotalsAnswerPerCodeSumsLikeTheEngine() {
        threeTransfers();
        final JsonNode rows = http.get("/v1/ledgers/1/totals").json();
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(List.of("ledger", "code", "accounts", "debits_pending", "debits_posted", "credits_pending",
            "credits_posted"), fieldNames(rows.get(0)));
        assertTotals(rows.get(0), 10, 2, 130, 135);
        assertTotals(rows.get(1), 20, 1, 5, 0);
        assertEquals(List.of(), ids(http.get("/v1/ledgers/2/totals").json()));
    }

    @Test
    void adminClockExpiresATwoPhaseTransferWithoutWaiting() {
        accounts("{\"id\":1,\"ledger\":1,\"code\":10}", "{\"id\":2,\"ledger\":1,\"code\":10}");
        final JsonNode pending = http.post("/v1/transfers", "[{\"id\":20,\"debit_account_id\":1,"
            + "\"credit_account_id\":2,\"amount\":70,\"ledger\":1,\"code\":1,\"timeout\":10,"
            + "\"flags\":[\"pending\"]}]").json();
        assertEquals("created", pending.get(0).get("status").asText());
        assertEquals(70, http.get("/v1/accounts/1").json().get("debits_pending").longValue());

        final Reply early = http.post("/v1/admin/clock", "{\"advance_seconds\":5}");
        assertEquals(200, early.status(), early.body());
        assertEquals(List.of("clock", "expired"), fieldNames(early.json()));
        assertEquals(0, early.json().get("expired").intValue());
        final long clock = early.json().get("clock").longValue();
        assertTrue(clock >= HttpFixture.CLOCK_START_NS + 5_000_000_000L, early.body());
        assertEquals(http.clock.getAsLong(), clock);
        assertEquals(70, http.get("/v1/accounts/1").json().get("debits_pending").longValue());

        final JsonNode late = http.post("/v1/admin/clock", "{\"advance_seconds\":\"6\"}").json();
        assertEquals(1, late.get("expired").intValue(), late.toString());
        assertEquals(clock + 6_000_000_000L, late.get("clock").longValue());
        final JsonNode debit = http.get("/v1/accounts/1").json();
        assertEquals(0, debit.get("debits_pending").longValue());
        assertEquals(0, debit.get("debits_posted").longValue());
        final JsonNode post = http.post("/v1/transfers", "[{\"id\":21,\"debit_account_id\":1,"
            + "\"credit_account_id\":2,\"amount\":70,\"pending_id\":20,\"ledger\":1,\"code\":1,"
            + "\"flags\":[\"post_pending_transfer\"]}]").json();
        assertEquals("pending_transfer_expired", post.get(0).get("status").asText());
    }

    @Test
    void adminClockIsNotFoundWithoutAManualClock() {
        try (HttpFixture wallClock = HttpFixture.start()) {
            final Reply reply = wallClock.post("/v1/admin/clock", "{\"advance_seconds\":5}");
            assertEquals(404, reply.status());
            assertEquals("not_found", reply.error());
        }
    }

    @Test
    void healthIsOkOnlyWhileReady() {
        final Reply ok = http.get("/health");
        assertEquals(200, ok.status());
        assertEquals("ok", ok.json().get("status").asText());
        http.ready.set(false);
        final Reply notReady = http.get("/health");
        assertEquals(503, notReady.status());
        assertEquals("unavailable", notReady.error());
        http.ready.set(true);
        assertEquals(200, http.get("/health").status());
    }

    @Test
    void metricsCountRequestsAndCreateResultsAsPrometheusText() {
        http.post("/v1/accounts", "[{\"id\":1,\"ledger\":1,\"code\":10},{\"id\":2,\"ledger\":1,\"code\":10},"
            + "{\"id\":0,\"ledger\":1,\"code\":10}]");
        http.post("/v1/accounts", "[{\"id\":\"x\"}]");
        http.get("/v1/accounts/1");
        final Reply metrics = http.get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.header("content-type").startsWith("text/plain; version=0.0.4"), metrics.header(
            "content-type"));
        final String text = metrics.body();
        assertTrue(text.contains(
            "ringbook_requests_total{protocol=\"http\",operation=\"create_accounts\",outcome=\"ok\"} 1"), text);
        assertTrue(text.contains(
            "ringbook_requests_total{protocol=\"http\",operation=\"create_accounts\",outcome=\"invalid\"} 1"), text);
        assertTrue(text.contains(
            "ringbook_requests_total{protocol=\"http\",operation=\"lookup_accounts\",outcome=\"ok\"} 1"), text);
        assertTrue(text.contains(
            "ringbook_create_results_total{operation=\"create_accounts\",result=\"created\"} 2"), text);
        assertTrue(text.contains(
            "ringbook_create_results_total{operation=\"create_accounts\",result=\"id_must_not_be_zero\"} 1"), text);
        assertTrue(text.contains("ringbook_request_latency_seconds_count{protocol=\"http\","
            + "operation=\"create_accounts\"} 1"), text);
    }

    /**
     * Accounts 1 and 2 (code 10, 2 with history) and 3 (code 20) on ledger 1; transfers 10: 1 to 2 (100, code 1),
     * 11: 2 to 1 (30, code 2), 12: 3 to 2 (5, code 1, user data 8 / 7 / 9). Returns the transfers' timestamps.
     */
    private long[] threeTransfers() {
        accounts("{\"id\":1,\"ledger\":1,\"code\":10}", "{\"id\":2,\"ledger\":1,\"code\":10,\"flags\":[\"history\"]}",
            "{\"id\":3,\"ledger\":1,\"code\":20}");
        final JsonNode results = http.post("/v1/transfers", "[" + transfer(10, 1, 2, "100") + ","
            + "{\"id\":11,\"debit_account_id\":2,\"credit_account_id\":1,\"amount\":30,\"ledger\":1,\"code\":2},"
            + "{\"id\":12,\"debit_account_id\":3,\"credit_account_id\":2,\"amount\":5,\"ledger\":1,\"code\":1,"
            + "\"user_data_128\":8,\"user_data_64\":7,\"user_data_32\":9}]").json();
        final long[] timestamps = new long[3];
        for (int i = 0; i < 3; i++) {
            assertEquals("created", results.get(i).get("status").asText(), results.toString());
            timestamps[i] = results.get(i).get("timestamp").longValue();
        }
        return timestamps;
    }

    private void accounts(final String... accounts) {
        final Reply reply = http.post("/v1/accounts", "[" + String.join(",", accounts) + "]");
        for (final JsonNode result : reply.json()) {
            assertEquals("created", result.get("status").asText(), reply.body());
        }
    }

    private static String transfer(final long id, final long debit, final long credit, final String amount) {
        return "{\"id\":" + id + ",\"debit_account_id\":" + debit + ",\"credit_account_id\":" + credit
            + ",\"amount\":\"" + amount + "\",\"ledger\":1,\"code\":1}";
    }

    private static void assertResult(final JsonNode result, final int index, final long id, final String status) {
        assertEquals(index, result.get("index").intValue(), result.toString());
        assertEquals(id, result.get("id").longValue(), result.toString());
        assertEquals(status, result.get("status").asText(), result.toString());
    }

    private static void assertTotals(final JsonNode row, final int code, final long accounts, final long debits,
                                     final long credits) {
        assertEquals(1, row.get("ledger").intValue(), row.toString());
        assertEquals(code, row.get("code").intValue(), row.toString());
        assertEquals(accounts, row.get("accounts").longValue(), row.toString());
        assertEquals(debits, row.get("debits_posted").longValue(), row.toString());
        assertEquals(credits, row.get("credits_posted").longValue(), row.toString());
        assertEquals(0, row.get("debits_pending").longValue(), row.toString());
    }

    static List<Long> ids(final JsonNode records) {
        final List<Long> ids = new ArrayList<>();
        records.forEach(record -> ids.add(record.get("id").longValue()));
        return ids;
    }

    static List<String> fieldNames(final JsonNode object) {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
