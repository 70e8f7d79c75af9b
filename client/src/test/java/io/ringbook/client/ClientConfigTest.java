package io.ringbook.client;

import io.ringbook.protocol.Frame;
import io.ringbook.protocol.OperationCode;
import io.ringbook.protocol.TransferCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientConfigTest {

    @Test
    void shouldDefaultToTheDocumentedValues() {
        final ClientConfig config = ClientConfig.defaults();
        assertEquals("127.0.0.1", config.host());
        assertEquals(3000, config.port());
        assertEquals(Duration.ofSeconds(30), config.requestTimeout());
        assertEquals(Duration.ofSeconds(5), config.connectTimeout());
        assertEquals(8190, config.batchMax());
        assertEquals(8, config.maxInFlight());
        assertEquals(Duration.ofMillis(50), config.reconnectBackoffMin());
        assertEquals(Duration.ofSeconds(2), config.reconnectBackoffMax());
        assertEquals(Duration.ofNanos(100_000), config.busyBackoffMin());
        assertEquals(Duration.ofMillis(50), config.busyBackoffMax());
        assertEquals(1 << 20, config.frameMax());
        assertEquals(16 * 8190, config.queuedEventsMax());
    }

    @Test
    void shouldCopyWithOneSettingChanged() {
        final ClientConfig base = ClientConfig.defaults();
        assertEquals(new ClientConfig("db", 4000, base.requestTimeout(), base.connectTimeout(), base.batchMax(),
            base.maxInFlight(), base.reconnectBackoffMin(), base.reconnectBackoffMax(), base.busyBackoffMin(),
            base.busyBackoffMax(), base.frameMax(), base.queuedEventsMax()), base.withAddress("db", 4000));
        assertEquals(Duration.ofSeconds(1), base.withRequestTimeout(Duration.ofSeconds(1)).requestTimeout());
        assertEquals(Duration.ofSeconds(1), base.withConnectTimeout(Duration.ofSeconds(1)).connectTimeout());
        assertEquals(3, base.withMaxInFlight(3).maxInFlight());
        assertEquals(Duration.ofMillis(1), base.withReconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(2))
            .reconnectBackoffMin());
        assertEquals(Duration.ofMillis(2), base.withBusyBackoff(Duration.ofMillis(1), Duration.ofMillis(2))
            .busyBackoffMax());
        assertEquals(4096, base.withFrameMax(4096).frameMax());
        assertEquals(9000, base.withQueuedEventsMax(9000).queuedEventsMax());
        final ClientConfig small = base.withBatchMax(10);
        assertEquals(10, small.batchMax());
        assertEquals(base.queuedEventsMax(), small.queuedEventsMax());
        assertEquals(8190, small.withQueuedEventsMax(10).withBatchMax(8190).queuedEventsMax(),
            "raising batchMax raises a lower queue limit with it");
    }

    @Test
    void shouldRefuseBadSettings() {
        final ClientConfig base = ClientConfig.defaults();
        final List<Supplier<ClientConfig>> bad = List.of(
            () -> base.withAddress(" ", 3000),
            () -> base.withAddress("localhost", 0),
            () -> base.withAddress("localhost", 65536),
            () -> base.withRequestTimeout(Duration.ZERO),
            () -> base.withRequestTimeout(Duration.ofDays(366)),
            () -> base.withConnectTimeout(Duration.ofMillis(-1)),
            () -> base.withBatchMax(0),
            () -> base.withBatchMax(8191),
            () -> base.withMaxInFlight(0),
            () -> base.withMaxInFlight(1025),
            () -> base.withReconnectBackoff(Duration.ofSeconds(3), Duration.ofSeconds(2)),
            () -> base.withBusyBackoff(Duration.ZERO, Duration.ofMillis(1)),
            () -> base.withBusyBackoff(Duration.ofMillis(1), null),
            () -> base.withFrameMax(Frame.HEADER_BYTES + TransferCodec.BYTES - 1),
            () -> base.withFrameMax(Frame.FRAME_MAX_BYTES + 1),
            () -> base.withQueuedEventsMax(base.batchMax() - 1));
        for (final Supplier<ClientConfig> setting : bad) {
            assertThrows(IllegalArgumentException.class, setting::get);
        }
    }

    @Test
    void shouldLimitEventsPerRequestByBatchMaxAndFrameMax() {
        final ClientConfig config = ClientConfig.defaults();
        assertEquals(8190, config.eventsMax(OperationCode.CREATE_TRANSFERS));
        assertEquals(8190, config.eventsMax(OperationCode.LOOKUP_ACCOUNTS));
        assertEquals(1, config.eventsMax(OperationCode.QUERY_ACCOUNTS));
        assertEquals(1, config.eventsMax(OperationCode.STATE_HASH));
        final ClientConfig smallFrames = config.withFrameMax(Frame.HEADER_BYTES + 2 * TransferCodec.BYTES + 1);
        assertEquals(2, smallFrames.eventsMax(OperationCode.CREATE_TRANSFERS));
        assertEquals(2, smallFrames.eventsMax(OperationCode.CREATE_ACCOUNTS));
        assertEquals(28, smallFrames.eventsMax(OperationCode.LOOKUP_TRANSFERS));
        assertEquals(5, config.withBatchMax(5).eventsMax(OperationCode.CREATE_ACCOUNTS));
        assertThrows(IllegalArgumentException.class, () -> config.eventsMax(10));
    }
}
