package io.ringbook.engine.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The id index starts small, grows between requests, and holds what a pre-sized index would. */
class IdIndexGrowthTest {
    private static final int CAPACITY = 1_000_000;
    private static final int IDS = 300_000;
    private static final int REQUEST = 8190;

    private static long idOf(final int i) {
        return (i + 1L) * 0x9E37_79B9L;
    }

    /** Inserts ids in requests of {@link #REQUEST}, making room before each as the ledger does. */
    private static IdIndex grown(final int ids) {
        final IdIndex index = new IdIndex(CAPACITY);
        for (int i = 0; i < ids; i++) {
            if (i % REQUEST == 0) {
                index.ensureRoom(REQUEST);
            }
            assertTrue(index.hasRoom());
            index.insert(idOf(i), i);
        }
        return index;
    }

    @Test
    void shouldStartSmallAndGrowWithTheIds() {
        final IdIndex index = new IdIndex(CAPACITY);
        assertEquals(IdIndex.INITIAL_BUCKETS, index.buckets());
        final IdIndex grown = grown(IDS);
        assertEquals(IDS, grown.size());
        assertTrue(grown.buckets() < 1 << 20, "not grown to the capacity's size: " + grown.buckets());
        assertTrue(grown.size() + REQUEST <= grown.buckets() / 4 * 3, "load factor above 0.75");
        assertTrue(grown.bytes() > index.bytes());
    }

    @Test
    void shouldFindEveryIdAfterGrowing() {
        final IdIndex index = grown(IDS);
        for (int i = 0; i < IDS; i++) {
            assertEquals(i, index.get(idOf(i)));
        }
        assertEquals(IdIndex.MISSING, index.get(idOf(IDS)));
    }

    @Test
    void shouldUndoTheInsertsOfARequestAfterMakingRoomForIt() {
        final IdIndex index = grown(IDS);
        index.ensureRoom(REQUEST);
        final int buckets = index.buckets();
        final int[] positions = new int[REQUEST];
        for (int i = 0; i < REQUEST; i++) {
            positions[i] = index.insert(idOf(IDS + i), IDS + i);
        }
        assertEquals(buckets, index.buckets(), "grew inside a request");
        for (int i = REQUEST - 1; i >= 0; i--) {
            index.clearNewest(positions[i]);
        }
        assertEquals(IDS, index.size());
        assertEquals(IdIndex.MISSING, index.get(idOf(IDS)));
        assertEquals(IDS - 1, index.get(idOf(IDS - 1)));
        assertEquals(grown(IDS).digest(), index.digest());
    }

    @Test
    void shouldDigestLikeAPreSizedIndex() {
        final IdIndex preSized = new IdIndex(CAPACITY);
        preSized.ensureRoom(CAPACITY);
        for (int i = IDS - 1; i >= 0; i--) {
            preSized.insert(idOf(i), i);
        }
        assertEquals(preSized.digest(), grown(IDS).digest());
    }

    @Test
    void shouldStopGrowingAtTheSizeOfItsCapacity() {
        final IdIndex index = new IdIndex(10_000);
        index.ensureRoom(Integer.MAX_VALUE / 2);
        assertEquals(16_384, index.buckets());
        for (int i = 0; i < 10_000; i++) {
            assertTrue(index.hasRoom());
            index.insert(idOf(i), i);
        }
        assertEquals(16_384, index.buckets());
        assertEquals(IdIndex.bytesAtCapacity(10_000), index.bytes());
    }

    @Test
    void shouldGrowOnInsertWhenNoRoomWasMade() {
        final IdIndex index = new IdIndex(CAPACITY);
        for (int i = 0; i < 10_000; i++) {
            index.insert(idOf(i), i);
        }
        assertTrue(index.buckets() > IdIndex.INITIAL_BUCKETS);
        assertEquals(9_999, index.get(idOf(9_999)));
    }
}
