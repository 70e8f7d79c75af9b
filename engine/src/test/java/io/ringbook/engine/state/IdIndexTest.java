package io.ringbook.engine.state;

import org.junit.jupiter.api.Test;

import java.util.function.LongUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The id index finds what it holds, undoes its newest inserts, and spreads structured ids without clusters. */
class IdIndexTest {
    private static final int COUNT = 100_000;
    /** Far above what a well-spread table at load <= 0.75 shows for 100k ids, far below a pathological cluster. */
    private static final int RUN_MAX = 400;

    private static IdIndex fill(final LongUnaryOperator idOf) {
        final IdIndex index = new IdIndex(COUNT);
        for (int i = 0; i < COUNT; i++) {
            index.insert(idOf.applyAsLong(i), i);
        }
        return index;
    }

    @Test
    void shouldFindEveryInsertedIdAndNothingElse() {
        final IdIndex index = fill(i -> i + 1);
        for (int i = 0; i < COUNT; i++) {
            assertEquals(i, index.get(i + 1));
        }
        assertEquals(IdIndex.MISSING, index.get(COUNT + 1));
        assertEquals(IdIndex.MISSING, index.get(Long.MAX_VALUE - 1));
    }

    @Test
    void shouldUndoTheNewestInsertsNewestFirst() {
        final IdIndex index = fill(i -> i * 7 + 3);
        final int first = index.insert(1_000_000_001L, 1);
        final int second = index.insert(1_000_000_002L, 2);
        index.clearNewest(second);
        index.clearNewest(first);
        assertEquals(IdIndex.MISSING, index.get(1_000_000_001L));
        assertEquals(IdIndex.MISSING, index.get(1_000_000_002L));
        assertEquals(5, index.get(5 * 7 + 3));
    }

    @Test
    void shouldNotClusterSequentialIds() {
        assertTrue(fill(i -> i + 1).longestRun() < RUN_MAX);
    }

    @Test
    void shouldNotClusterIdsWithPrefixesInHighBits() {
        // Shard / tenant prefixes: a folding hash put id (a << 25) + i next to id i ^ a and built one long cluster.
        assertTrue(fill(i -> (i % 7 + 1 << 40) + i / 7).longestRun() < RUN_MAX);
        assertTrue(fill(i -> (i % 3 << 25) + i / 3 + 1).longestRun() < RUN_MAX);
    }

    @Test
    void shouldNotClusterStridedIds() {
        assertTrue(fill(i -> (i + 1L) << 16).longestRun() < RUN_MAX);
        assertTrue(fill(i -> (i + 1L) * 1000).longestRun() < RUN_MAX);
    }
}
