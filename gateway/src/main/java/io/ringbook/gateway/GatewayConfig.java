package io.ringbook.gateway;

import io.ringbook.protocol.Frame;

import java.time.Duration;

/**
 * Settings of the network front doors, checked once here so that a bad value fails at start.
 *
 * @param bindAddress          address both servers listen on (default {@code 127.0.0.1})
 * @param binaryPort           TCP port of the binary protocol, 0 = any free port (default 3000)
 * @param httpPort             TCP port of the HTTP/JSON API, 0 = any free port (default 8080)
 * @param frameMaxBytes        largest binary frame after its length field, and largest HTTP body (default 1 MiB)
 * @param maxInFlight          unanswered requests per connection before the server stops reading it (default 16; the
 *                             replies of that many requests may wait in memory for a client that stopped reading)
 * @param readTimeout          a connection stuck in the middle of a frame or body this long is closed (default 30 s)
 * @param ioThreads            Netty event-loop threads shared by both servers (default 1: the ledger, journal and
 *                             reply threads need the other cores)
 */
public record GatewayConfig(String bindAddress, int binaryPort, int httpPort, int frameMaxBytes, int maxInFlight,
                            Duration readTimeout, int ioThreads) {

    /** The protocol's ceiling for a frame (and an HTTP body): 1 MiB. */
    public static final int FRAME_MAX_LIMIT = Frame.FRAME_MAX_BYTES;
    /** The smallest frame limit that still holds the largest request of one event. */
    public static final int FRAME_MAX_MIN = 4096;

    public GatewayConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must be set");
        }
        checkPort("binaryPort", binaryPort);
        checkPort("httpPort", httpPort);
        if (frameMaxBytes < FRAME_MAX_MIN || frameMaxBytes > FRAME_MAX_LIMIT) {
            throw new IllegalArgumentException(
                "frameMaxBytes must be in " + FRAME_MAX_MIN + ".." + FRAME_MAX_LIMIT + ": " + frameMaxBytes);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive: " + readTimeout);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1: " + ioThreads);
        }
    }

    /** Every setting at its default. */
    public static GatewayConfig defaults() {
        return new GatewayConfig("127.0.0.1", 3000, 8080, FRAME_MAX_LIMIT, 16, Duration.ofSeconds(30), 1);
    }

    /** Both servers on free ports of the loopback interface: for tests. */
    public static GatewayConfig ephemeral() {
        return defaults().withPorts(0, 0);
    }

    public GatewayConfig withPorts(final int binary, final int http) {
        return new GatewayConfig(bindAddress, binary, http, frameMaxBytes, maxInFlight, readTimeout, ioThreads);
    }

    public GatewayConfig withFrameMaxBytes(final int value) {
        return new GatewayConfig(bindAddress, binaryPort, httpPort, value, maxInFlight, readTimeout, ioThreads);
    }

    public GatewayConfig withMaxInFlight(final int value) {
        return new GatewayConfig(bindAddress, binaryPort, httpPort, frameMaxBytes, value, readTimeout, ioThreads);
    }

    public GatewayConfig withReadTimeout(final Duration value) {
        return new GatewayConfig(bindAddress, binaryPort, httpPort, frameMaxBytes, maxInFlight, value, ioThreads);
    }

    private static void checkPort(final String name, final int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException(name + " must be in 0..65535: " + port);
        }
    }
}
