package io.ringbook.engine.state;

import io.ringbook.engine.DirectLedger;
import io.ringbook.model.Transfer;
import io.ringbook.engine.reference.SeededTraffic;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot cuts: what a cut streams is the state at the cut, however the ledger changes while it is streamed, and
 * {@link Ledger#restore} rebuilds a ledger that is indistinguishable from the original (hash, answers, future).
 */
class LedgerCutTest {
    private static final LedgerConfig CONFIG = new LedgerConfig(10_000, 200_000, 100_000, 200_000);

    /** The words of every section, as streamed. */
    private static final class Captured {
        final Map<LedgerCut.Section, long[]> words = new EnumMap<>(LedgerCut.Section.class);
        final Map<LedgerCut.Section, Integer> lengths = new EnumMap<>(LedgerCut.Section.class);

        void add(final LedgerCut.Section section, final long[] data, final int rows) {
            final int length = lengths.getOrDefault(section, 0);
            final int add = rows * section.stride();
            final long[] target = Arrays.copyOf(words.getOrDefault(section, new long[0]), length + add);
            System.arraycopy(data, 0, target, length, add);
            words.put(section, target);
            lengths.put(section, length + add);
        }

        Ledger restore(final LedgerConfig config, final LedgerCut.Header header) throws IOException {
            return Ledger.restore(config, header, (section, target, count) ->
                System.arraycopy(words.getOrDefault(section, new long[0]), 0, target, 0, count));
        }
    }

    private static SeededTraffic traffic(final DirectLedger ledger, final long seed, final int requests) {
        final SeededTraffic traffic = new SeededTraffic(seed, CONFIG);
        for (int i = 0; i < requests; i++) {
            SeededTraffic.apply(traffic.next(), ledger);
        }
        return traffic;
    }

    @Test
    void shouldStreamTheStateHashAndRestoreAnEqualLedger() throws IOException {
        final DirectLedger live = new DirectLedger(CONFIG);
        final SeededTraffic traffic = traffic(live, 7, 400);
        final long hash = live.stateHash();
        final LedgerCut cut = live.snapshotCut();
        final Captured captured = new Captured();
        assertEquals(hash, cut.stream(captured::add));
        cut.close();

        final DirectLedger restored = new DirectLedger(captured.restore(CONFIG, cut.header()));
        assertEquals(hash, restored.stateHash());
        restored.ledger().checkInvariants();
        assertEquals(live.ledger().journalIndex(), restored.ledger().journalIndex());
        assertTrue(restored.ledger().journalIndex() > 0, "requests were counted");
        assertTrue(cut.header().rows(LedgerCut.Section.FAILED_IDS) > 0, "the stream has transient failures");

        for (int i = 0; i < 300; i++) {
            final var r = traffic.next();
            SeededTraffic.apply(r, live);
            SeededTraffic.apply(r, restored);
        }
        assertEquals(live.stateHash(), restored.stateHash(), "the restored ledger continues identically");
    }

    @Test
    void shouldStreamTheCutWhileTheLedgerKeepsChangingEveryRow() throws IOException {
        final DirectLedger live = new DirectLedger(CONFIG);
        final SeededTraffic traffic = traffic(live, 11, 600);
        final long hash = live.stateHash();
        final LedgerCut cut = live.snapshotCut();
        final Captured captured = new Captured();
        final List<Long> laterHashes = new ArrayList<>();
        // Between chunks the ledger keeps applying requests (same thread here, so the interleaving is exact): rows
        // the writer has not reached yet change, and the ledger must copy them first.
        final long streamed = cut.stream((section, data, rows) -> {
            captured.add(section, data, rows);
            SeededTraffic.apply(traffic.next(), live);
        });
        cut.close();
        laterHashes.add(live.stateHash());
        assertEquals(hash, streamed);
        assertNotEquals(hash, laterHashes.get(0), "the ledger changed while the cut was streamed");
        assertTrue(cut.ledgerCopies() > 0, "the ledger thread copied rows before changing them");
        assertEquals(hash, new DirectLedger(captured.restore(CONFIG, cut.header())).stateHash());
    }

    @Test
    void shouldRefuseASecondCutUntilTheFirstIsClosed() throws IOException {
        final DirectLedger live = new DirectLedger(CONFIG);
        traffic(live, 3, 50);
        final LedgerCut first = live.snapshotCut();
        assertThrows(IllegalStateException.class, live::snapshotCut);
        first.close();
        final LedgerCut second = live.snapshotCut();
        assertEquals(live.stateHash(), second.stream((section, data, rows) -> { }));
        second.close();
    }

    @Test
    void shouldRefuseToRestoreIntoTooSmallCapacities() throws IOException {
        final DirectLedger live = new DirectLedger(CONFIG);
        traffic(live, 5, 200);
        final LedgerCut cut = live.snapshotCut();
        final Captured captured = new Captured();
        cut.stream(captured::add);
        cut.close();
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> captured.restore(new LedgerConfig(1, 1, 1, 1), cut.header()));
        assertTrue(e.getMessage().contains("capacity"), e.getMessage());
    }

    @Test
    void shouldDecodeRowsLikeLookups() throws IOException {
        final DirectLedger live = new DirectLedger(CONFIG);
        traffic(live, 13, 200);
        final LedgerCut cut = live.snapshotCut();
        final Captured captured = new Captured();
        cut.stream(captured::add);
        cut.close();
        final long[] accounts = captured.words.get(LedgerCut.Section.ACCOUNTS);
        final long[] transfers = captured.words.get(LedgerCut.Section.TRANSFERS);
        final int stride = LedgerCut.Section.TRANSFERS.stride();
        final int accountStride = LedgerCut.Section.ACCOUNTS.stride();
        for (int row = 0; row < cut.header().rows(LedgerCut.Section.TRANSFERS); row += 7) {
            final Transfer decoded = RowDecoder.transfer(transfers, row * stride,
                a -> accounts[a * accountStride], t -> t < 0 ? 0 : transfers[t * stride]);
            assertEquals(live.lookupTransfers(decoded.id()).get(0), decoded);
        }
        assertArrayEquals(new Object[] {live.lookupAccounts(accounts[0]).get(0)},
            new Object[] {RowDecoder.account(accounts, 0)});
    }
}
