package io.ringbook.gateway.http;

import io.ringbook.gateway.http.HttpFixture.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Collections;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every kind of bad input gets its error code, a message naming the field (or index), and changes nothing: the
 * state hash is the same afterwards and the server goes on serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpBadInputTest {
    private HttpFixture http;
    private long hashBefore;

    @BeforeAll
    void startServer() {
        http = HttpFixture.startWithManualClock();
        http.post("/v1/accounts", "[{\"id\":1,\"ledger\":1,\"code\":10},{\"id\":2,\"ledger\":1,\"code\":10}]");
        final Reply seeded = http.post("/v1/transfers", "[{\"id\":10,\"debit_account_id\":1,\"credit_account_id\":2,"
            + "\"amount\":5,\"ledger\":1,\"code\":1}]");
        assertEquals("created", seeded.json().get(0).get("status").asText(), seeded.body());
        hashBefore = http.stateHash();
    }

    @AfterAll
    void stopServer() {
        http.close();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
            arguments("/v1/accounts", "", "empty_request", "no body"),
            arguments("/v1/accounts", "   ", "empty_request", "no JSON value"),
            arguments("/v1/accounts", "[{\"id\":3", "invalid_json", "line 1"),
            arguments("/v1/accounts", "[{'id':3}]", "invalid_json", "line 1"),
            arguments("/v1/accounts", "[{\"id\":3,\"ledger\":1,\"code\":1}] x", "invalid_json", "after the JSON"),
            arguments("/v1/accounts", "[{\"id\":3,\"ledger\":1,\"code\":1}][]", "invalid_json", "after the JSON"),
            arguments("/v1/accounts", "{\"id\":3}", "invalid_type", "array of accounts"),
            arguments("/v1/accounts", "[3]", "invalid_type", "[0]"),
            arguments("/v1/accounts", "[{\"id\":\"abc\"}]", "invalid_type", "[0].id"),
            arguments("/v1/accounts", "[{\"id\":\"12 \"}]", "invalid_type", "[0].id"),
            arguments("/v1/accounts", "[{\"id\":1.5}]", "invalid_type", "[0].id"),
            arguments("/v1/accounts", "[{\"id\":1e3}]", "invalid_type", "[0].id"),
            arguments("/v1/accounts", "[{\"id\":null}]", "invalid_type", "[0].id"),
            arguments("/v1/accounts", "[{\"id\":true}]", "invalid_type", "[0].id"),
            arguments("/v1/accounts", "[{\"id\":[1]}]", "invalid_type", "[0].id"),
            arguments("/v1/accounts", "[{\"id\":3},{\"id\":4,\"bogus\":1}]", "unknown_field", "[1]"),
            arguments("/v1/accounts", "[{\"id\":3,\"id\":3}]", "duplicate_field", "[0].id"),
            arguments("/v1/accounts", "[{\"id\":3,\"flags\":[\"linked\",\"nope\"]}]", "unknown_flag",
                "[0].flags[1]"),
            arguments("/v1/accounts", "[{\"id\":3,\"flags\":[\"pending\"]}]", "unknown_flag", "[0].flags[0]"),
            arguments("/v1/accounts", "[{\"id\":3,\"flags\":\"linked\"}]", "invalid_type", "[0].flags"),
            arguments("/v1/accounts", "[{\"id\":3,\"flags\":[1]}]", "invalid_type", "[0].flags[0]"),
            arguments("/v1/accounts", "[{\"id\":9223372036854775808}]", "number_out_of_range", "[0].id"),
            arguments("/v1/accounts", "[{\"id\":\"-9223372036854775809\"}]", "number_out_of_range", "[0].id"),
            arguments("/v1/accounts", "[{\"id\":3,\"code\":65536}]", "number_out_of_range", "[0].code"),
            arguments("/v1/accounts", "[{\"id\":3,\"code\":-1}]", "number_out_of_range", "[0].code"),
            arguments("/v1/accounts", "[{\"id\":3,\"ledger\":4294967296}]", "number_out_of_range", "[0].ledger"),
            arguments("/v1/accounts", "[{\"id\":3,\"user_data_64\":18446744073709551616}]", "number_out_of_range",
                "[0].user_data_64"),
            arguments("/v1/accounts", "[{\"id\":3,\"user_data_64\":-1}]", "number_out_of_range", "[0].user_data_64"),
            arguments("/v1/accounts", "[{\"id\":3,\"user_data_128\":\"340282366920938463463374607431768211456\"}]",
                "number_out_of_range", "[0].user_data_128"),
            arguments("/v1/accounts", "[{\"id\":3,\"user_data_32\":\"4294967296\"}]", "number_out_of_range",
                "[0].user_data_32"),
            arguments("/v1/accounts", "[{\"id\":\"" + "9".repeat(100) + "\"}]", "number_out_of_range", "[0].id"),
            arguments("/v1/accounts", tooMany("{\"id\":3}"), "too_many_events", "8190"),
            arguments("/v1/transfers", "[{\"id\":3,\"timeout\":-1}]", "number_out_of_range", "[0].timeout"),
            arguments("/v1/transfers", "[{\"id\":3,\"reversed_amount\":0}]", "unknown_field", "reversed_amount"),
            arguments("/v1/transfers", "[{\"id\":3,\"flags\":[\"history\"]}]", "unknown_flag", "[0].flags[0]"),
            arguments("/v1/transfers", "[{\"id\":3,\"amount\":9223372036854775808}]", "number_out_of_range",
                "[0].amount"),
            arguments("/v1/transfers", tooMany("{\"id\":3}"), "too_many_events", "8190"),
            arguments("/v1/accounts/lookup", "{}", "missing_field", "ids"),
            arguments("/v1/accounts/lookup", "{\"ids\":[1],\"x\":1}", "unknown_field", "\"x\""),
            arguments("/v1/accounts/lookup", "{\"ids\":[1],\"ids\":[2]}", "duplicate_field", "ids"),
            arguments("/v1/accounts/lookup", "{\"ids\":\"1\"}", "invalid_type", "ids"),
            arguments("/v1/transfers/lookup", "{\"ids\":[1,1.5]}", "invalid_type", "ids[1]"),
            arguments("/v1/transfers/lookup", "[1]", "invalid_type", "the body"),
            arguments("/v1/transfers/lookup", "{\"ids\":" + tooMany("1") + "}", "too_many_events", "ids"),
            arguments("/v1/accounts/query", "{\"limit\":0}", "number_out_of_range", "limit"),
            arguments("/v1/accounts/query", "{\"limit\":-1}", "number_out_of_range", "limit"),
            arguments("/v1/accounts/query", "{\"reversed\":\"yes\"}", "invalid_type", "reversed"),
            arguments("/v1/accounts/query", "{\"ledger\":-1}", "number_out_of_range", "ledger"),
            arguments("/v1/transfers/query", "{\"debits\":true}", "unknown_field", "debits"),
            arguments("/v1/transfers/query", "[]", "invalid_type", "the body"),
            arguments("/v1/admin/clock", "{\"advance_seconds\":0}", "number_out_of_range", "advance_seconds"),
            arguments("/v1/admin/clock", "{\"advance_seconds\":-5}", "number_out_of_range", "advance_seconds"),
            arguments("/v1/admin/clock", "{\"advance_seconds\":1.5}", "invalid_type", "advance_seconds"),
            arguments("/v1/admin/clock", "{}", "missing_field", "advance_seconds"),
            arguments("/v1/admin/clock", "{\"advance_seconds\":1,\"to\":2}", "unknown_field", "\"to\""),
            arguments("/v1/admin/snapshot", "{\"now\":true}", "unknown_field", "\"now\""),
            arguments("/v1/admin/snapshot", "[]", "invalid_type", "the body"),
            arguments("/v1/accounts?dry_run=true", "[{\"id\":3}]", "unknown_field", "dry_run"));
    }

    static Stream<Arguments> badPaths() {
        return Stream.of(
            arguments("GET", "/v1/accounts/abc", 400, "invalid_type", "path parameter id"),
            arguments("GET", "/v1/accounts/99999999999999999999", 400, "number_out_of_range", "path parameter id"),
            arguments("GET", "/v1/transfers/1.0", 400, "invalid_type", "path parameter id"),
            arguments("GET", "/v1/ledgers/4294967296/totals", 400, "number_out_of_range", "path parameter ledger"),
            arguments("GET", "/v1/ledgers/-1/totals", 400, "number_out_of_range", "path parameter ledger"),
            arguments("GET", "/v1/accounts/1/transfers?limit=0", 400, "number_out_of_range", "limit"),
            arguments("GET", "/v1/accounts/1/transfers?limit=-8191", 400, "number_out_of_range", "limit"),
            arguments("POST", "/v1/admin/snapshot", 409, "snapshots_disabled", "durability none"),
            arguments("GET", "/v1/accounts/1/transfers?debits=yes", 400, "invalid_type", "debits"),
            arguments("GET", "/v1/accounts/1/transfers?foo=1", 400, "unknown_field", "foo"),
            arguments("GET", "/v1/accounts/1/transfers?limit=1&limit=2", 400, "duplicate_field", "limit"),
            arguments("GET", "/v1/accounts/1/balances?code=65536", 400, "number_out_of_range", "code"),
            arguments("GET", "/v1/accounts/1/balances?user_data_64=-1", 400, "number_out_of_range", "user_data_64"),
            arguments("GET", "/v1/accounts/1?verbose=1", 400, "unknown_field", "verbose"),
            arguments("GET", "/nope", 404, "not_found", "/nope"),
            arguments("GET", "/v1/accounts/", 404, "not_found", "/v1/accounts/"),
            arguments("GET", "/v1/accounts/1/history", 404, "not_found", "history"),
            arguments("GET", "/v1/accounts", 405, "method_not_allowed", "POST"),
            arguments("DELETE", "/v1/accounts/1", 405, "method_not_allowed", "GET"),
            arguments("GET", "/v1/accounts/lookup", 405, "method_not_allowed", "POST"),
            arguments("PUT", "/v1/transfers/query", 405, "method_not_allowed", "POST"),
            arguments("POST", "/health", 405, "method_not_allowed", "GET"));
    }

    @ParameterizedTest(name = "POST {0} {1} -> {2}")
    @MethodSource("badBodies")
    void badBodyIsRefusedNamingTheFieldAndChangesNothing(final String path, final String body, final String error,
                                                          final String mentions) {
        final Reply reply = http.post(path, body);
        assertRefused(reply, 400, error, mentions);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("badPaths")
    void badPathOrQueryIsRefusedAndChangesNothing(final String method, final String path, final int status,
                                                  final String error, final String mentions) {
        final Reply reply = http.send(method, path, null);
        assertRefused(reply, status, error, mentions);
        if (status == 405) {
            assertEquals(mentions, reply.header("allow"));
        }
    }

    @Test
    void negativeIdsAndAmountsReachTheLedgerWhichAnswersWithResultCodes() {
        final Reply reply = http.post("/v1/transfers", "[{\"id\":-3,\"debit_account_id\":1,\"credit_account_id\":2,"
            + "\"amount\":5,\"ledger\":1,\"code\":1},{\"id\":4,\"debit_account_id\":1,\"credit_account_id\":2,"
            + "\"amount\":\"-5\",\"ledger\":1,\"code\":1}]");
        assertEquals(200, reply.status(), reply.body());
        assertNotEquals("created", reply.json().get(0).get("status").asText(), reply.body());
        assertEquals("amount_must_not_be_negative", reply.json().get(1).get("status").asText(), reply.body());
        hashBefore = http.stateHash();
    }

    private void assertRefused(final Reply reply, final int status, final String error, final String mentions) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(error, reply.error(), reply.body());
        final String message = reply.json().get("message").asText();
        assertTrue(message.contains(mentions), "message should mention " + mentions + ": " + message);
        assertEquals(hashBefore, http.stateHash(), "bad input changed the state");
        assertEquals(200, http.get("/health").status(), "the server stopped serving");
        assertEquals(1, http.post("/v1/accounts/lookup", "{\"ids\":[1]}").json().size());
    }

    private static String tooMany(final String element) {
        return "[" + String.join(",", Collections.nCopies(8191, element)) + "]";
    }
}
