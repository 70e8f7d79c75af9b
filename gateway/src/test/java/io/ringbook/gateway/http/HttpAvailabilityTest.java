package io.ringbook.gateway.http;

import io.ringbook.engine.EngineConfig;
import io.ringbook.gateway.GatewayConfig;
import io.ringbook.gateway.http.HttpFixture.Reply;
import io.ringbook.gateway.http.RawHttpConnection.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Back-pressure (busy), a halted engine, and the shutdown steps: refuse requests, stop accepting, close. */
class HttpAvailabilityTest {
    private static final String EIGHT_ACCOUNTS = "[{\"id\":1,\"ledger\":1,\"code\":1},{\"id\":2,\"ledger\":1,"
        + "\"code\":1},{\"id\":3,\"ledger\":1,\"code\":1},{\"id\":4,\"ledger\":1,\"code\":1},{\"id\":5,\"ledger\":1,"
        + "\"code\":1},{\"id\":6,\"ledger\":1,\"code\":1},{\"id\":7,\"ledger\":1,\"code\":1},{\"id\":8,\"ledger\":1,"
        + "\"code\":1}]";

    private final GatedJournalSink sink = new GatedJournalSink();
    private HttpFixture http;

    @AfterEach
    void stopServer() {
        sink.release();
        if (http != null) {
            http.close();
        }
    }

    private void startSmallRing() {
        http = HttpFixture.start(engine -> engine.withRequestSizeMax(8).withRingSize(8).withJournalSink(sink)
            .withHaltPolicy(EngineConfig.HaltPolicy.FAIL_REQUESTS), gateway -> gateway);
    }

    @Test
    void fullRingAnswers503BusyWithRetryAfterAndNothingIsLost() throws Exception {
        startSmallRing();
        sink.hold();
        final CompletableFuture<HttpResponse<String>> blocked = http.client().sendAsync(HttpRequest.newBuilder(
                http.uri("/v1/accounts")).POST(HttpRequest.BodyPublishers.ofString(EIGHT_ACCOUNTS)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertTrue(sink.entered.await(HttpFixture.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS));

        final Reply lookup = http.post("/v1/accounts/lookup", "{\"ids\":[1]}");
        assertEquals(503, lookup.status(), lookup.body());
        assertEquals("busy", lookup.error());
        assertEquals("1", lookup.header("retry-after"));
        final Reply create = http.post("/v1/accounts", "[{\"id\":9,\"ledger\":1,\"code\":1}]");
        assertEquals("busy", create.error());
        assertEquals(200, http.get("/health").status());

        sink.release();
        final HttpResponse<String> answered = blocked.get(HttpFixture.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(200, answered.statusCode());
        assertEquals(8, HttpFixture.JSON.readTree(answered.body()).size());
        assertEquals(8, notBusy(() -> http.post("/v1/accounts/query", "{\"limit\":8}")).json().size());
        assertEquals(0, notBusy(() -> http.post("/v1/accounts/lookup", "{\"ids\":[9]}")).json().size());
        assertTrue(http.get("/metrics").body().contains(
            "ringbook_requests_total{protocol=\"http\",operation=\"lookup_accounts\",outcome=\"busy\"} 1"));
    }

    @Test
    void haltedEngineAnswers503UnavailableAndHealthFails() {
        startSmallRing();
        sink.fail();
        final Reply failed = http.post("/v1/accounts", "[{\"id\":1,\"ledger\":1,\"code\":1}]");
        assertEquals(503, failed.status(), failed.body());
        assertEquals("unavailable", failed.error());
        final Reply next = http.get("/v1/accounts/1");
        assertEquals(503, next.status(), next.body());
        assertEquals("unavailable", next.error());
        final Reply health = http.get("/health");
        assertEquals(503, health.status());
        assertTrue(health.json().get("message").asText().contains("halted"), health.body());
    }

    @Test
    void closedEngineAnswers503Unavailable() {
        http = HttpFixture.start();
        http.ringbook.close();
        final Reply reply = http.post("/v1/accounts/lookup", "{\"ids\":[1]}");
        assertEquals(503, reply.status(), reply.body());
        assertEquals("unavailable", reply.error());
        assertTrue(reply.json().get("message").asText().contains("closed"), reply.body());
    }

    @Test
    void refusingNewRequestsAnswers503AndClosesButStillServesMetrics() {
        http = HttpFixture.start();
        http.server.refuseNewRequests();
        try (RawHttpConnection connection = new RawHttpConnection(http.port)) {
            connection.send(RawHttpConnection.request("POST", "/v1/accounts", "[{\"id\":1,\"ledger\":1,\"code\":1}]"));
            final Response refused = connection.read();
            assertEquals(503, refused.status());
            assertTrue(refused.body().contains("\"error\":\"unavailable\""), refused.body());
            assertEquals("close", refused.headers().get("connection"));
            assertTrue(connection.isClosedByServer());
        }
        assertEquals(503, http.get("/health").status());
        assertEquals(200, http.get("/metrics").status());
        assertEquals(0L, (long) http.ringbook.lookupAccounts(1).join().size());
    }

    @Test
    void stopAcceptingKeepsOpenConnectionsAndCloseEndsThem() throws IOException, InterruptedException {
        http = HttpFixture.start();
        try (RawHttpConnection open = new RawHttpConnection(http.port)) {
            open.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, open.read().status());
            http.server.stopAccepting();
            assertTrue(refusesConnectionsSoon(http.port), "still accepting connections");
            open.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, open.read().status());
            http.server.close();
            assertTrue(open.isClosedByServer());
        }
    }

    @Test
    void startOnAPortInUseFailsWithTheAddress() {
        http = HttpFixture.start();
        final HttpServer second = new HttpServer(GatewayConfig.ephemeral().withPorts(0, http.port), http.ringbook,
            http.metrics, null, null, () -> true, http.boss, http.workers);
        final IllegalStateException failure = assertThrows(IllegalStateException.class, second::start);
        assertTrue(failure.getMessage().contains(":" + http.port), failure.getMessage());
        second.close();
        assertEquals(200, http.get("/health").status());
    }

    /**
     * The first answer that is not busy: the engine hands a request's slots back to producers just after its reply,
     * so a request sent right after an answer may still find the small ring full.
     */
    private static Reply notBusy(final Supplier<Reply> request) throws InterruptedException {
        final long deadline = System.nanoTime() + HttpFixture.HANG_GUARD.toNanos();
        Reply reply = request.get();
        while ("busy".equals(reply.status() == 503 ? reply.error() : "") && System.nanoTime() < deadline) {
            Thread.sleep(1);
            reply = request.get();
        }
        assertEquals(200, reply.status(), reply.body());
        return reply;
    }

    /**
     * True once a connection to the port is refused. NIO releases a closed listening socket at its selector's next
     * wake-up, so a connection attempted right after {@code stopAccepting()} may still reach the kernel's queue.
     */
    private static boolean refusesConnectionsSoon(final int port) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + HttpFixture.HANG_GUARD.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getInputStream();
            } catch (final ConnectException refused) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
