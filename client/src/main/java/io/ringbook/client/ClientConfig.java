package io.ringbook.client;

import io.ringbook.protocol.Frame;
import io.ringbook.protocol.OperationCode;
import io.ringbook.protocol.TransferCodec;
import java.time.Duration;

/**
 * Settings of a {@link RingbookClient}, checked once here so that a bad value fails when the client is built rather
 * than in the middle of traffic. Start from {@link #defaults()} or {@link #of(String, int)}; each {@code with*}
 * method answers a checked copy with one setting changed.
 *
 * @param host                where the server's binary port listens (default {@code 127.0.0.1})
 * @param port                the server's binary port, 1..65535 (default 3000)
 * @param requestTimeout      deadline of every call, from the moment it is made: retries (busy, reconnects) stop there
 *                            and the call fails with {@link RequestTimeoutException} (default 30 s)
 * @param connectTimeout      one TCP connect attempt gives up after this long (default 5 s)
 * @param batchMax            most events in one request, 1..{@link Frame#REQUEST_SIZE_MAX} (the default); concurrent
 *                            calls are coalesced up to this size, and a single call larger than it is refused
 * @param maxInFlight         requests sent (or waiting to be resent) and not yet answered on the connection; while
 *                            it is reached, calls queue and are coalesced (default 8)
 * @param reconnectBackoffMin first pause before reconnecting after the connection was lost (default 50 ms); doubles
 *                            after every failed attempt
 * @param reconnectBackoffMax longest pause between reconnect attempts (default 2 s)
 * @param busyBackoffMin      first pause before resending a request the server answered {@code busy} (default
 *                            100 µs); doubles on every further {@code busy} of that request
 * @param busyBackoffMax      longest pause before resending a busy request (default 50 ms)
 * @param frameMax            largest request frame sent, counted after the length field like the server's
 *                            {@code frame_max} (default 1 MiB); set it to the server's value if that was lowered.
 *                            Replies are accepted up to the protocol's ceiling of 1 MiB.
 * @param queuedEventsMax     most events waiting in the client for a free request slot; a call beyond it fails at
 *                            once with {@link ClientOverloadedException} instead of queueing without bound (default
 *                            16 × batchMax; at least batchMax)
 */
public record ClientConfig(String host, int port, Duration requestTimeout, Duration connectTimeout, int batchMax,
                           int maxInFlight, Duration reconnectBackoffMin, Duration reconnectBackoffMax,
                           Duration busyBackoffMin, Duration busyBackoffMax, int frameMax, int queuedEventsMax) {

    /** The default binary port of the server. */
    public static final int DEFAULT_PORT = 3000;
    /** The most requests one connection may keep unanswered; the server's own limit defaults to 64. */
    public static final int MAX_IN_FLIGHT_LIMIT = 1024;
    /** The smallest frame limit that still holds one event of every operation. */
    public static final int FRAME_MAX_MIN = Frame.HEADER_BYTES + TransferCodec.BYTES;
    /** The longest duration any setting accepts (so that deadlines in nanoseconds never overflow). */
    public static final Duration DURATION_MAX = Duration.ofDays(365);

    /** Checks every setting; a bad value fails here, when the client is configured, not in the middle of traffic. */
    public ClientConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be set");
        }
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be in 1..65535: " + port);
        }
        checkPositive("requestTimeout", requestTimeout);
        checkPositive("connectTimeout", connectTimeout);
        if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout is too long: " + connectTimeout);
        }
        if (batchMax < 1 || batchMax > Frame.REQUEST_SIZE_MAX) {
            throw new IllegalArgumentException("batchMax must be in 1.." + Frame.REQUEST_SIZE_MAX + ": " + batchMax);
        }
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
            throw new IllegalArgumentException(
                "maxInFlight must be in 1.." + MAX_IN_FLIGHT_LIMIT + ": " + maxInFlight);
        }
        checkRange("reconnectBackoff", reconnectBackoffMin, reconnectBackoffMax);
        checkRange("busyBackoff", busyBackoffMin, busyBackoffMax);
        if (frameMax < FRAME_MAX_MIN || frameMax > Frame.FRAME_MAX_BYTES) {
            throw new IllegalArgumentException(
                "frameMax must be in " + FRAME_MAX_MIN + ".." + Frame.FRAME_MAX_BYTES + ": " + frameMax);
        }
        if (queuedEventsMax < batchMax) {
            throw new IllegalArgumentException(
                "queuedEventsMax must be at least batchMax (" + batchMax + "): " + queuedEventsMax);
        }
    }

    /** Every setting at its default, for a server on the loopback interface at the default port. */
    public static ClientConfig defaults() {
        return of("127.0.0.1", DEFAULT_PORT);
    }

    /** Every setting at its default, for the server at {@code host:port}. */
    public static ClientConfig of(final String host, final int port) {
        return new ClientConfig(host, port, Duration.ofSeconds(30), Duration.ofSeconds(5), Frame.REQUEST_SIZE_MAX, 8,
            Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofNanos(100_000), Duration.ofMillis(50),
            Frame.FRAME_MAX_BYTES, 16 * Frame.REQUEST_SIZE_MAX);
    }

    /** A copy for the server at {@code newHost:newPort}. */
    public ClientConfig withAddress(final String newHost, final int newPort) {
        return new ClientConfig(newHost, newPort, requestTimeout, connectTimeout, batchMax, maxInFlight,
            reconnectBackoffMin, reconnectBackoffMax, busyBackoffMin, busyBackoffMax, frameMax, queuedEventsMax);
    }

    /** A copy with another deadline for every call. */
    public ClientConfig withRequestTimeout(final Duration value) {
        return new ClientConfig(host, port, value, connectTimeout, batchMax, maxInFlight, reconnectBackoffMin,
            reconnectBackoffMax, busyBackoffMin, busyBackoffMax, frameMax, queuedEventsMax);
    }

    /** A copy with another limit for one TCP connect attempt. */
    public ClientConfig withConnectTimeout(final Duration value) {
        return new ClientConfig(host, port, requestTimeout, value, batchMax, maxInFlight, reconnectBackoffMin,
            reconnectBackoffMax, busyBackoffMin, busyBackoffMax, frameMax, queuedEventsMax);
    }

    /** A copy with another batch limit; the queue limit is raised to it if it was lower. */
    public ClientConfig withBatchMax(final int value) {
        return new ClientConfig(host, port, requestTimeout, connectTimeout, value, maxInFlight, reconnectBackoffMin,
            reconnectBackoffMax, busyBackoffMin, busyBackoffMax, frameMax, Math.max(queuedEventsMax, value));
    }

    /** A copy with another limit of unanswered requests on the connection. */
    public ClientConfig withMaxInFlight(final int value) {
        return new ClientConfig(host, port, requestTimeout, connectTimeout, batchMax, value, reconnectBackoffMin,
            reconnectBackoffMax, busyBackoffMin, busyBackoffMax, frameMax, queuedEventsMax);
    }

    /** A copy with other first and longest pauses between reconnect attempts. */
    public ClientConfig withReconnectBackoff(final Duration min, final Duration max) {
        return new ClientConfig(host, port, requestTimeout, connectTimeout, batchMax, maxInFlight, min, max,
            busyBackoffMin, busyBackoffMax, frameMax, queuedEventsMax);
    }

    /** A copy with other first and longest pauses before resending a request answered {@code busy}. */
    public ClientConfig withBusyBackoff(final Duration min, final Duration max) {
        return new ClientConfig(host, port, requestTimeout, connectTimeout, batchMax, maxInFlight, reconnectBackoffMin,
            reconnectBackoffMax, min, max, frameMax, queuedEventsMax);
    }

    /** A copy with another largest request frame; set it to the server's {@code frame_max} if that was lowered. */
    public ClientConfig withFrameMax(final int value) {
        return new ClientConfig(host, port, requestTimeout, connectTimeout, batchMax, maxInFlight, reconnectBackoffMin,
            reconnectBackoffMax, busyBackoffMin, busyBackoffMax, value, queuedEventsMax);
    }

    /** A copy with another limit of events waiting in the client for a request slot. */
    public ClientConfig withQueuedEventsMax(final int value) {
        return new ClientConfig(host, port, requestTimeout, connectTimeout, batchMax, maxInFlight, reconnectBackoffMin,
            reconnectBackoffMax, busyBackoffMin, busyBackoffMax, frameMax, value);
    }

    /**
     * The most events of one operation that fit in one request: {@link #batchMax()}, lowered where
     * {@link #frameMax()} cannot hold that many records of the operation. Single-record operations answer 1.
     */
    public int eventsMax(final int operation) {
        final int record = OperationCode.requestRecordBytes(operation);
        if (record < 0) {
            throw new IllegalArgumentException("unknown operation " + operation);
        }
        if (record == 0 || OperationCode.isSingleRecord(operation)) {
            return 1;
        }
        return Math.min(batchMax, (frameMax - Frame.HEADER_BYTES) / record);
    }

    private static void checkPositive(final String name, final Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        if (value.compareTo(DURATION_MAX) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + DURATION_MAX + ": " + value);
        }
    }

    private static void checkRange(final String name, final Duration min, final Duration max) {
        checkPositive(name + "Min", min);
        checkPositive(name + "Max", max);
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + "Min must not exceed " + name + "Max: " + min + " > " + max);
        }
    }
}
