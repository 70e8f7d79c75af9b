package io.ringbook.journal;

import io.ringbook.engine.state.LedgerConfig;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.command.Command;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.command.Operation;
import io.ringbook.engine.command.CommandArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writer sessions, torn batches, replay bounds and the scan view, driven directly on the test thread. */
class JournalWriterReaderTest {
    @TempDir
    Path directory;

    @Test
    void shouldContinueIndexesDenselyAfterReopenAndVerifyFromStart() {
        final RequestGenerator requests = new RequestGenerator(1, 20);
        writeBatches(requests, 5, 3);
        try (JournalWriter writer = JournalWriter.open(directory, Durability.PROCESS)) {
            assertEquals(15, writer.lastIndex());
            assertEquals(0, writer.tornAtOpen());
        }
        writeBatches(requests, 4, 2);
        final List<Long> indexes = replayIndexes(0, Long.MAX_VALUE, true);
        assertEquals(23, indexes.size());
        for (int i = 0; i < indexes.size(); i++) {
            assertEquals(i + 1, indexes.get(i));
        }
        final Counter counter = new Counter();
        try (JournalReader reader = JournalReader.open(directory)) {
            reader.scan(1, Long.MAX_VALUE, counter);
        }
        assertEquals(2, counter.opens, "one OPEN per session that wrote (the empty reopen wrote nothing)");
        assertEquals(9, counter.verifiedCommits);
        assertEquals(0, counter.unverifiedCommits);
    }

    @Test
    void shouldDropRequestsWrittenWithoutCommitAndContinueAfterTheLastCommittedOne() {
        final RequestGenerator requests = new RequestGenerator(2, 20);
        try (JournalWriter writer = JournalWriter.open(directory, Durability.PROCESS)) {
            for (int i = 0; i < 3; i++) {
                RequestGenerator.append(writer, requests.next());
                writer.commit();
            }
            RequestGenerator.append(writer, requests.next());
            RequestGenerator.append(writer, requests.next());
        }
        try (JournalReader reader = JournalReader.open(directory)) {
            final ReplayResult result = reader.replay(0, Long.MAX_VALUE, true, (index, request) -> true);
            assertEquals(3, result.lastIndex());
            assertEquals(3, result.requests());
            assertEquals(2, result.discardedTail());
        }
        try (JournalWriter writer = JournalWriter.open(directory, Durability.PROCESS)) {
            assertEquals(3, writer.lastIndex());
            assertEquals(2, writer.tornAtOpen());
            RequestGenerator.append(writer, requests.next());
            writer.commit();
            assertEquals(4, writer.lastIndex());
        }
        try (JournalReader reader = JournalReader.open(directory)) {
            final ReplayResult result = reader.replay(0, Long.MAX_VALUE, true, (index, request) -> true);
            assertEquals(4, result.lastIndex());
            assertEquals(2, result.discardedTail());
        }
    }

    @Test
    void shouldWriteARequestThatStraddlesTwoBatchesOnceWithEveryField() {
        final CommandArray request = new CommandArray(3);
        request.size(3);
        for (int i = 0; i < 3; i++) {
            final Command c = request.get(i);
            c.prepare(Operation.CREATE_TRANSFERS, 77, i, 3, Long.MAX_VALUE - 5, null);
            c.id = Long.MIN_VALUE + i;
            c.debitAccountId = -1;
            c.creditAccountId = Long.MAX_VALUE;
            c.amount = -2;
            c.pendingId = 3;
            c.reversesId = 4;
            c.userData128Hi = 5;
            c.userData128Lo = 6;
            c.userData64 = 7;
            c.userData32 = Integer.MIN_VALUE;
            c.timeout = -1;
            c.ledger = Integer.MAX_VALUE;
            c.code = 65_536;
            c.flags = -1;
            c.timestamp = Long.MIN_VALUE;
        }
        try (JournalWriter writer = JournalWriter.open(directory, Durability.FSYNC)) {
            writer.append(request.get(0), 10);
            writer.append(request.get(1), 11);
            writer.commit();
            assertEquals(0, writer.lastIndex(), "nothing is committed before the request's last slot");
            writer.append(request.get(2), 12);
            writer.commit();
            assertEquals(1, writer.lastIndex());
        }
        final List<String> fields = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory)) {
            reader.replay(0, Long.MAX_VALUE, true, (index, batch) -> fields.addAll(transferFields(batch)));
        }
        assertEquals(transferFields(request), fields);
    }

    @Test
    void shouldDeliverOnlyRequestsWithinTheBoundsAndStopWhenTheVisitorSays() {
        writeBatches(new RequestGenerator(3, 20), 10, 2);
        assertEquals(List.of(6L, 7L, 8L, 9L, 10L, 11L, 12L), replayIndexes(5, 12, false));
        assertEquals(List.of(6L, 7L, 8L, 9L, 10L, 11L, 12L), replayIndexes(5, 12, true));
        assertEquals(List.of(), replayIndexes(20, Long.MAX_VALUE, false));
        try (JournalReader reader = JournalReader.open(directory)) {
            final List<Long> seen = new ArrayList<>();
            final ReplayResult stopped = reader.replay(0, Long.MAX_VALUE, false, (index, request) ->
                seen.add(index) && index < 7);
            assertEquals(7, stopped.requests());
            assertEquals(7, stopped.lastIndex());
            assertTrue(stopped.stoppedByVisitor());
            final ReplayResult anchored = reader.replay(15, Long.MAX_VALUE, false, (index, request) -> true);
            final ReplayResult fromStart = reader.replay(15, Long.MAX_VALUE, true, (index, request) -> true);
            assertEquals(3, anchored.batchesVerified(), "the batches 15..16 (straddling), 17..18 and 19..20");
            assertEquals(10, fromStart.batchesVerified());
            assertEquals(5, anchored.requests());
            assertEquals(20, anchored.committedIndex());
        }
    }

    @Test
    void shouldReadAMissingJournalAsEmpty() {
        try (JournalReader reader = JournalReader.open(directory.resolve("absent"))) {
            final ReplayResult result = reader.replay(0, Long.MAX_VALUE, true, (index, request) -> true);
            assertEquals(0, result.requests());
            assertEquals(0, result.committedIndex());
        }
    }

    @Test
    void shouldRejectDurabilityNoneForAWriterAndParseModeNames() {
        assertThrows(IllegalArgumentException.class, () -> JournalWriter.open(directory, Durability.NONE));
        assertEquals(Durability.FSYNC, Durability.of("fsync"));
        assertEquals(Durability.PROCESS, Durability.of("Process"));
        assertEquals(Durability.NONE, Durability.of("none"));
        assertThrows(IllegalArgumentException.class, () -> Durability.of("sometimes"));
    }

    @Test
    void shouldStartTheChainFromThirtyTwoZeroBytes() {
        writeBatches(new RequestGenerator(4, 5), 1, 1);
        final Counter counter = new Counter();
        try (JournalReader reader = JournalReader.open(directory)) {
            reader.scan(1, Long.MAX_VALUE, counter);
        }
        assertArrayEquals(new byte[JournalFormat.CHAIN_BYTES], counter.firstOpenChain);
        assertEquals(1, counter.verifiedCommits);
    }

    private void writeBatches(final RequestGenerator requests, final int batches, final int requestsPerBatch) {
        try (JournalWriter writer = JournalWriter.open(directory, Durability.PROCESS)) {
            for (int b = 0; b < batches; b++) {
                for (int r = 0; r < requestsPerBatch; r++) {
                    RequestGenerator.append(writer, requests.next());
                }
                writer.commit();
            }
        }
    }

    @Test
    void shouldRoundTripAConfigureEntryInTheChain() {
        final CommandArray configure = new CommandArray(1);
        configure.size(1);
        configure.get(0).prepare(Operation.CONFIGURE, 7, 0, 1, 123L, null);
        Ledger.writeLimits(configure.get(0), new LedgerConfig(10, 20, 1024, 2048));
        final RequestGenerator requests = new RequestGenerator(3, 5);
        try (JournalWriter writer = JournalWriter.open(directory, Durability.PROCESS)) {
            RequestGenerator.append(writer, configure);
            RequestGenerator.append(writer, requests.next());
            writer.commit();
        }
        final List<LedgerConfig> limits = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory)) {
            final ReplayResult result = reader.replay(0, Long.MAX_VALUE, true, (index, request) -> {
                if (request.get(0).operation == Operation.CONFIGURE) {
                    assertEquals(1, index);
                    assertEquals(123L, request.get(0).arrivalNs);
                    limits.add(Ledger.readLimits(request.get(0)));
                }
                return true;
            });
            assertEquals(2, result.lastIndex());
        }
        assertEquals(List.of(new LedgerConfig(10, 20, 1024, 2048)), limits);
    }

    private List<Long> replayIndexes(final long after, final long upto, final boolean fromStart) {
        final List<Long> indexes = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory)) {
            reader.replay(after, upto, fromStart, (index, request) -> indexes.add(index));
        }
        return indexes;
    }

    private static List<String> transferFields(final CommandRequest request) {
        final List<String> rows = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            final Command c = request.get(i);
            rows.add(Arrays.toString(new long[] {c.operation.code(), c.requestId, c.indexInRequest, c.requestSize,
                c.arrivalNs, c.id, c.debitAccountId, c.creditAccountId, c.amount, c.pendingId, c.reversesId,
                c.userData128Hi, c.userData128Lo, c.userData64, c.userData32, c.timeout, c.ledger, c.code, c.flags,
                c.timestamp}));
        }
        return rows;
    }

    /** Counts what a scan shows. */
    private static final class Counter implements EntryVisitor {
        int opens;
        int verifiedCommits;
        int unverifiedCommits;
        byte[] firstOpenChain;

        @Override
        public void onCommit(final long firstIndex, final long lastIndex, final byte[] chain,
                             final boolean chainVerified) {
            if (chainVerified) {
                verifiedCommits++;
            } else {
                unverifiedCommits++;
            }
        }

        @Override
        public void onOpen(final long nextIndex, final byte[] chain) {
            if (opens++ == 0) {
                firstOpenChain = chain.clone();
            }
        }
    }
}
