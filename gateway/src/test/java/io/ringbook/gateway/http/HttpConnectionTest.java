package io.ringbook.gateway.http;

import io.ringbook.gateway.GatewayConfig;
import io.ringbook.gateway.http.HttpFixture.Reply;
import io.ringbook.gateway.http.RawHttpConnection.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection handling: body limit before the body is read, read timeout, keep-alive, pipelining, bad requests. */
class HttpConnectionTest {
    private static final String ONE_ACCOUNT = "[{\"id\":5,\"ledger\":1,\"code\":1}]";
    private static final String HEADERS_OF_HUGE_BODY = "POST /v1/accounts HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: 1000000000\r\n";

    private HttpFixture http;

    @AfterEach
    void stopServer() {
        if (http != null) {
            http.close();
        }
    }

    private HttpFixture start(final UnaryOperator<GatewayConfig> gateway) {
        http = HttpFixture.start(engine -> engine, gateway);
        return http;
    }

    @Test
    void hugeContentLengthIsRefusedWith413BeforeTheBodyIsSent() {
        start(gateway -> gateway);
        final long hash = http.stateHash();
        try (RawHttpConnection connection = new RawHttpConnection(http.port)) {
            connection.send(HEADERS_OF_HUGE_BODY + "\r\n[{\"id\":");
            final Response response = connection.read();
            assertEquals(413, response.status(), response.body());
            assertTrue(response.body().contains("\"error\":\"body_too_large\""), response.body());
            assertTrue(response.body().contains(Integer.toString(GatewayConfig.FRAME_MAX_LIMIT)), response.body());
            assertEquals("close", response.headers().get("connection"));
            assertTrue(connection.isClosedByServer());
        }
        assertEquals(hash, http.stateHash());
        assertEquals(200, http.get("/health").status());
    }

    @Test
    void hugeContentLengthAskingForContinueGets413NotContinue() {
        start(gateway -> gateway);
        try (RawHttpConnection connection = new RawHttpConnection(http.port)) {
            connection.send(HEADERS_OF_HUGE_BODY + "Expect: 100-continue\r\n\r\n");
            final Response response = connection.read();
            assertEquals(413, response.status(), response.body());
            assertTrue(response.body().contains("body_too_large"), response.body());
            assertTrue(connection.isClosedByServer());
        }
    }

    @Test
    void chunkedBodyIsRefusedOnceItPassesTheLimit() {
        start(gateway -> gateway.withFrameMaxBytes(GatewayConfig.FRAME_MAX_MIN));
        final long hash = http.stateHash();
        try (RawHttpConnection connection = new RawHttpConnection(http.port)) {
            connection.send("POST /v1/accounts HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
            final String chunk = " ".repeat(1000);
            for (int i = 0; i < 5; i++) {
                connection.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            }
            final Response response = connection.read();
            assertEquals(413, response.status(), response.body());
            assertTrue(response.body().contains("body_too_large"), response.body());
            assertTrue(connection.isClosedByServer());
        }
        assertEquals(hash, http.stateHash());
    }

    @Test
    void bodyOfExactlyTheLimitIsServedAndOneByteMoreIsRefused() {
        start(gateway -> gateway.withFrameMaxBytes(GatewayConfig.FRAME_MAX_MIN));
        final String atLimit = ONE_ACCOUNT + " ".repeat(GatewayConfig.FRAME_MAX_MIN - ONE_ACCOUNT.length());
        final Reply served = http.post("/v1/accounts", atLimit);
        assertEquals(200, served.status(), served.body());
        final Reply refused = http.post("/v1/accounts", atLimit + " ");
        assertEquals(413, refused.status(), refused.body());
        assertEquals("body_too_large", refused.error());
    }

    @Test
    void connectionStuckMidRequestIsClosedAfterTheReadTimeout() {
        start(gateway -> gateway.withReadTimeout(Duration.ofMillis(200)));
        try (RawHttpConnection headers = new RawHttpConnection(http.port);
             RawHttpConnection body = new RawHttpConnection(http.port)) {
            headers.send("POST /v1/accounts HTTP/1.1\r\nHost: localhost\r\n");
            body.send("POST /v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n[{\"id\":");
            assertTrue(headers.isClosedByServer());
            assertTrue(body.isClosedByServer());
        }
        assertEquals(200, http.get("/health").status());
    }

    @Test
    void idleConnectionBetweenRequestsStaysOpen() throws InterruptedException {
        start(gateway -> gateway.withReadTimeout(Duration.ofMillis(100)));
        try (RawHttpConnection connection = new RawHttpConnection(http.port)) {
            connection.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, connection.read().status());
            Thread.sleep(500);
            connection.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, connection.read().status());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrderOnOneConnection() {
        start(gateway -> gateway);
        assertPipelinedAnswersInOrder();
    }

    @Test
    void pipelinedRequestsBeyondMaxInFlightWaitAndAreAllAnswered() {
        start(gateway -> gateway.withMaxInFlight(1));
        assertPipelinedAnswersInOrder();
    }

    private void assertPipelinedAnswersInOrder() {
        try (RawHttpConnection connection = new RawHttpConnection(http.port)) {
            connection.send(RawHttpConnection.request("POST", "/v1/accounts", ONE_ACCOUNT)
                + "GET /nope HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + RawHttpConnection.request("POST", "/v1/accounts", "[]")
                + RawHttpConnection.request("POST", "/v1/accounts/lookup", "{\"ids\":[5]}")
                + "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            final Response created = connection.read();
            assertEquals(200, created.status());
            assertTrue(created.body().contains("\"status\":\"created\""), created.body());
            assertEquals(404, connection.read().status());
            final Response empty = connection.read();
            assertEquals(200, empty.status(), "an empty array is answered at once, without the engine");
            assertEquals("[]", empty.body());
            final Response found = connection.read();
            assertEquals(200, found.status());
            assertTrue(found.body().contains("\"id\":5"), found.body());
            final Response health = connection.read();
            assertEquals(200, health.status());
            assertEquals("{\"status\":\"ok\"}", health.body());
        }
    }

    @Test
    void connectionCloseIsHonouredAfterTheAnswer() {
        start(gateway -> gateway);
        try (RawHttpConnection connection = new RawHttpConnection(http.port)) {
            connection.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            final Response response = connection.read();
            assertEquals(200, response.status());
            assertEquals("close", response.headers().get("connection"));
            assertTrue(connection.isClosedByServer());
        }
    }

    @Test
    void badPercentEncodingInThePathOrQueryIsAnInvalidRequest() {
        start(gateway -> gateway);
        try (RawHttpConnection connection = new RawHttpConnection(http.port)) {
            connection.send("GET /v1/accounts/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /v1/accounts/1/transfers?limit=%2 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            for (int i = 0; i < 2; i++) {
                final Response response = connection.read();
                assertEquals(400, response.status(), response.body());
                assertTrue(response.body().contains("\"error\":\"invalid_request\""), response.body());
            }
        }
    }

    @Test
    void malformedRequestIsAnswered400AndClosed() {
        start(gateway -> gateway);
        try (RawHttpConnection connection = new RawHttpConnection(http.port)) {
            connection.send("GET /health HTTP/1.1\r\nHost: localhost\r\nBad Header Without Colon\r\n\r\n");
            final Response response = connection.read();
            assertEquals(400, response.status(), response.body());
            assertTrue(response.body().contains("invalid_request"), response.body());
            assertTrue(connection.isClosedByServer());
        }
        assertEquals(200, http.get("/health").status());
    }
}
