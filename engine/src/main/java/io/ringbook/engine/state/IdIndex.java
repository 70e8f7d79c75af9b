package io.ringbook.engine.state;

/**
 * Open-addressing hash index from a positive 64-bit id to an int row number, pre-sized for its capacity (load factor at
 * most 0.75) so it never grows or allocates. Linear probing; no deletion except {@link #clearNewest} which undoes
 * the most recent insert (rollback of a linked chain undoes inserts newest first, so no probe chain is broken).
 *
 * <p>The hash scrambles blocks of 8 consecutive ids with a strong 64-bit mixer and keeps an id's position inside
 * its block. Ids with structure (tenant or shard prefixes, strides) therefore still spread over the table instead of
 * forming clusters that every insert would walk, while sequential ids (the common case for time-based ids) fill
 * neighbouring buckets: one cache miss per 8 inserts instead of one per insert.
 */
final class IdIndex {
    static final int MISSING = -1;
    private static final int BLOCK_BITS = 3;

    private final long[] keys;
    private final int[] values;
    private final int mask;

    IdIndex(final int capacity) {
        final long buckets = Long.highestOneBit(Math.max(4L, capacity * 4L / 3 + 1) * 2 - 1);
        if (buckets > 1 << 30) {
            throw new IllegalArgumentException("index capacity too large: " + capacity);
        }
        keys = new long[(int) buckets];
        values = new int[(int) buckets];
        mask = (int) buckets - 1;
    }

    /** The row stored for {@code id}, or {@link #MISSING}. {@code id} must be positive. */
    int get(final long id) {
        int pos = hash(id) & mask;
        while (true) {
            final long key = keys[pos];
            if (key == id) {
                return values[pos];
            }
            if (key == 0) {
                return MISSING;
            }
            pos = (pos + 1) & mask;
        }
    }

    /** Loads the id's home bucket without probing (no branches, so many such loads overlap): a prefetch. */
    long touch(final long id) {
        return keys[hash(id) & mask];
    }

    /** Inserts an id known to be absent; returns its bucket position (for {@link #clearNewest}). */
    int insert(final long id, final int row) {
        assert id > 0 && get(id) == MISSING;
        int pos = hash(id) & mask;
        while (keys[pos] != 0) {
            pos = (pos + 1) & mask;
        }
        keys[pos] = id;
        values[pos] = row;
        return pos;
    }

    /** Removes the entry at {@code pos}, which must be the newest insert still present. */
    void clearNewest(final int pos) {
        keys[pos] = 0;
        values[pos] = 0;
    }

    /** The longest run of occupied buckets: what a miss may have to walk (for tests of the hash's spread). */
    int longestRun() {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < 2 * keys.length; i++) {
            run = keys[i & mask] != 0 ? run + 1 : 0;
            longest = Math.max(longest, Math.min(run, keys.length));
        }
        return longest;
    }

    /** Bytes held by the index. */
    long bytes() {
        return keys.length * (long) (Long.BYTES + Integer.BYTES);
    }

    /** Order-independent digest of the ids held (for the state hash). */
    long digest() {
        long digest = 0;
        for (final long key : keys) {
            if (key != 0) {
                digest += StateHash.mix(key);
            }
        }
        return digest;
    }

    private static int hash(final long id) {
        return (int) (StateHash.mix(id >>> BLOCK_BITS) << BLOCK_BITS | id & (1 << BLOCK_BITS) - 1);
    }
}
