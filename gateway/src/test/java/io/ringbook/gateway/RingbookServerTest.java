package io.ringbook.gateway;

import io.ringbook.client.ClientConfig;
import io.ringbook.client.RingbookClient;
import io.ringbook.model.Account;
import io.ringbook.model.CreateTransferResult;
import io.ringbook.model.Transfer;
import io.ringbook.model.TransferFlags;
import io.ringbook.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole server in this process: both protocols over one store, restart, the manual clock, the command line. */
class RingbookServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private ServerConfig config() {
        final ServerConfig defaults = ServerConfig.defaults(data);
        final StoreConfig store = defaults.store().withEngine(defaults.store().engine()
            .withLedgerConfig(io.ringbook.engine.state.LedgerConfig.of(1000, 100_000)));
        return defaults.withStore(store).withGateway(GatewayConfig.ephemeral());
    }

    @Test
    void shouldServeBothProtocolsOverOneStateAndKeepItAcrossARestart() throws Exception {
        final long hash;
        try (RingbookServer server = RingbookServer.start(config());
             RingbookClient client = client(server)) {
            client.createAccounts(List.of(Account.of(1, 1, 1, 0), Account.of(2, 1, 1, 0))).join();
            final HttpResponse<String> created = post(server, "/v1/transfers", "[{\"id\":7,\"debit_account_id\":1,"
                + "\"credit_account_id\":2,\"amount\":\"250\",\"ledger\":1,\"code\":1}]");
            assertEquals(200, created.statusCode(), created.body());
            assertTrue(created.body().contains("\"status\":\"created\""), created.body());
            assertEquals(250, client.lookupAccounts(2).join().get(0).creditsPosted(), "binary sees the HTTP write");
            assertEquals(200, get(server, "/health").statusCode());
            assertTrue(get(server, "/metrics").body().contains("ringbook_requests_total{protocol=\"http\""));
            hash = client.stateHash().join();
        }
        try (RingbookServer server = RingbookServer.start(config());
             RingbookClient client = client(server)) {
            assertEquals(hash, client.stateHash().join(), "the restarted server has the same state");
            assertEquals(0, server.store().recovery().orElseThrow().replay().requests(),
                "the graceful stop snapshotted everything");
            final HttpResponse<String> transfer = get(server, "/v1/transfers/7");
            assertEquals(200, transfer.statusCode());
            assertTrue(transfer.body().contains("\"amount\":250"), transfer.body());
        }
    }

    @Test
    void shouldExpireAPendingTransferWhenTheManualClockIsAdvancedPastItsTimeout() throws Exception {
        try (RingbookServer server = RingbookServer.start(config().withManualClock(true));
             RingbookClient client = client(server)) {
            client.createAccounts(List.of(Account.of(1, 1, 1, 0), Account.of(2, 1, 1, 0))).join();
            final Transfer pending = Transfer.builder().id(1).debitAccountId(1).creditAccountId(2).amount(40)
                .ledger(1).code(1).flags(TransferFlags.PENDING).timeout(60).build();
            assertEquals(CreateTransferResult.CREATED.code(), client.createTransfer(pending).join().status());
            assertEquals(40, client.lookupAccounts(1).join().get(0).debitsPending());

            final HttpResponse<String> early = post(server, "/v1/admin/clock", "{\"advance_seconds\": 59}");
            assertEquals(200, early.statusCode(), early.body());
            assertEquals(40, client.lookupAccounts(1).join().get(0).debitsPending(), "not due yet");

            final HttpResponse<String> due = post(server, "/v1/admin/clock", "{\"advance_seconds\": 2}");
            assertEquals(200, due.statusCode(), due.body());
            assertTrue(due.body().contains("\"expired\":1"), due.body());
            assertEquals(0, client.lookupAccounts(1).join().get(0).debitsPending(), "the hold was released");
            final Transfer post = Transfer.builder().id(2).pendingId(1).amount(Transfer.AMOUNT_MAX)
                .flags(TransferFlags.POST_PENDING_TRANSFER).build();
            assertEquals(CreateTransferResult.PENDING_TRANSFER_EXPIRED.code(),
                client.createTransfer(post).join().status());
        }
    }

    @Test
    void shouldAnswerTheAdminClockWith404WithoutAManualClock() throws Exception {
        try (RingbookServer server = RingbookServer.start(config())) {
            final HttpResponse<String> answer = post(server, "/v1/admin/clock", "{\"advance_seconds\": 1}");
            assertEquals(404, answer.statusCode(), answer.body());
        }
    }

    @Test
    void shouldPrintEverySettingAndRejectABadOneWithItsMessage() {
        final StringWriter err = new StringWriter();
        final CommandLine line = ServerMain.commandLine(new ServerMain()).setErr(new PrintWriter(err));
        final int exit = line.execute("--data-dir", data.toString(), "--batch-max", "9000");
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("requestSizeMax must be in 1..8190"), err.toString());

        final ServerMain main = new ServerMain();
        ServerMain.commandLine(main)
            .parseArgs("--data-dir", data.toString(), "--clock", "manual", "--durability", "fsync");
        final String described = ServerMain.describe(main.config());
        for (final String expected : List.of(data.toString(), "fsync", "manual", "batch max 8190", "3000", "8080")) {
            assertTrue(described.contains(expected), expected + " in " + described);
        }
    }

    private static RingbookClient client(final RingbookServer server) {
        return RingbookClient.connect(ClientConfig.of("127.0.0.1", server.binaryPort()));
    }

    private HttpResponse<String> get(final RingbookServer server, final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(server, path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final RingbookServer server, final String path, final String body)
        throws Exception {
        return http.send(HttpRequest.newBuilder(uri(server, path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(final RingbookServer server, final String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }
}
