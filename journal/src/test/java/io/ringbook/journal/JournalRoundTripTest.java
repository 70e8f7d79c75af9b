package io.ringbook.journal;

import io.ringbook.engine.EngineConfig;
import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.pipeline.PublishResult;
import io.ringbook.engine.pipeline.Replier;
import io.ringbook.engine.pipeline.RingbookEngine;
import io.ringbook.engine.command.CommandArray;
import io.ringbook.engine.command.CommandFiller;
import io.ringbook.engine.state.Ledger;
import io.ringbook.engine.state.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journals a random stream through the real pipeline and replays it into a fresh ledger: the states must match. */
class JournalRoundTripTest {
    private static final int REQUESTS = 3_000;
    private static final CommandFiller<CommandArray> COPY = (slot, index, source) ->
        RequestGenerator.copyEvent(source.get(index), slot);

    @TempDir
    Path directory;

    @Test
    void shouldReplayTheJournalIntoTheSameLedgerStateAsTheLiveOne() {
        final long seed = Long.getLong("ringbook.journal.seed", System.nanoTime());
        final LedgerConfig capacities = LedgerConfig.of(1_000, 200_000);
        final Ledger live = new Ledger(capacities);
        final AtomicLong replies = new AtomicLong();
        final Replier replier = request -> replies.incrementAndGet();
        final JournalWriter writer = JournalWriter.open(directory, Durability.PROCESS);
        final EngineConfig config = EngineConfig.defaults().withRequestSizeMax(512).withRingSize(1024)
            .withLedgerConfig(capacities).withJournalSink(writer);
        final RequestGenerator requests = new RequestGenerator(seed, 300);
        long events = 0;
        try (RingbookEngine engine = new RingbookEngine(config, live, replier)) {
            engine.start();
            for (int i = 0; i < REQUESTS; i++) {
                final CommandArray request = requests.next();
                events += request.size();
                while (engine.tryPublish(request.get(0).operation, request.size(), null, COPY, request)
                    != PublishResult.PUBLISHED) {
                    assertFalse(engine.isHalted(), "engine halted: " + engine.haltCause());
                    Thread.onSpinWait();
                }
            }
        }
        assertEquals(REQUESTS, replies.get());
        assertEquals(REQUESTS, writer.lastIndex());

        final Ledger replayed = new Ledger(capacities);
        final ReplayResult result;
        try (JournalReader reader = JournalReader.open(directory)) {
            result = reader.replay(0, Long.MAX_VALUE, true, (index, request) -> execute(replayed, request));
        }
        assertEquals(REQUESTS, result.requests(), "seed " + seed);
        assertEquals(events, result.events());
        assertEquals(REQUESTS, result.lastIndex());
        assertEquals(0, result.discardedTail());
        assertTrue(result.batchesVerified() > 0);
        assertEquals(live.stateHash(), replayed.stateHash(), "replayed state differs (seed " + seed + ")");
        assertEquals(live.transferCount(), replayed.transferCount());
        assertTrue(live.transferCount() > 0, "the stream must create transfers");
        replayed.checkInvariants();
    }

    private static boolean execute(final Ledger ledger, final CommandRequest request) {
        ledger.execute(request);
        return true;
    }
}
