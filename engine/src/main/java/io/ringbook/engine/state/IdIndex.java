package io.ringbook.engine.state;

/**
 * Open-addressing hash index from a positive 64-bit id to an int row number, growing with the ids it holds: it
 * starts at {@link #INITIAL_BUCKETS} buckets and doubles (rehashing every id) when {@link #ensureRoom} finds that the
 * next batch of inserts could take the load factor past 0.75, up to the size a full capacity needs. Linear probing;
 * no deletion except {@link #clearNewest} which undoes the most recent insert (rollback of a linked chain undoes
 * inserts newest first, so no probe chain is broken).
 *
 * <p>A rehash moves ids to new buckets, so the bucket positions {@link #insert} answers (which the undo log keeps
 * for {@link #clearNewest}) are only valid until the next growth: the ledger calls {@link #ensureRoom} only between
 * requests, where no linked chain is open, for as many inserts as the request can make. A doubling stalls the
 * ledger thread once, for a time proportional to the ids held (docs/OPERATIONS.md, "Memory sizing").
 *
 * <p>The hash scrambles blocks of 8 consecutive ids with a strong 64-bit mixer and keeps an id's position inside
 * its block. Ids with structure (tenant or shard prefixes, strides) therefore still spread over the table instead of
 * forming clusters that every insert would walk, while sequential ids (the common case for time-based ids) fill
 * neighbouring buckets: one cache miss per 8 inserts instead of one per insert.
 */
final class IdIndex {
    static final int MISSING = -1;
    /** Buckets of a new index (fewer if the capacity needs fewer). */
    static final int INITIAL_BUCKETS = 4096;
    private static final int BLOCK_BITS = 3;

    /** Buckets when full: the smallest power of two that keeps the capacity at a load factor of at most 0.75. */
    private final int bucketsMax;
    private long[] keys;
    private int[] values;
    private int mask;
    /** Ids held. */
    private int size;
    /** Most ids the current buckets may hold: 0.75 of them (at {@link #bucketsMax}, at least the capacity). */
    private int sizeMax;

    IdIndex(final int capacity) {
        final long buckets = bucketsFor(capacity);
        if (buckets > 1 << 30) {
            throw new IllegalArgumentException("index capacity too large: " + capacity);
        }
        this.bucketsMax = (int) buckets;
        allocate(Math.min(bucketsMax, INITIAL_BUCKETS));
    }

    /**
     * Grows the index, if needed, so that {@code inserts} more ids keep it within its load factor. Call only where no
     * position answered by {@link #insert} is still kept (no linked chain open): a growth moves every id.
     */
    void ensureRoom(final int inserts) {
        final long needed = (long) size + inserts;
        if (needed <= sizeMax || keys.length == bucketsMax) {
            return;
        }
        int buckets = keys.length;
        while (buckets < bucketsMax && needed > buckets / 4 * 3L) {
            buckets *= 2;
        }
        rehash(buckets);
    }

    private void rehash(final int buckets) {
        final long[] oldKeys = keys;
        final int[] oldValues = values;
        allocate(buckets);
        for (int i = 0; i < oldKeys.length; i++) {
            final long key = oldKeys[i];
            if (key != 0) {
                int pos = hash(key) & mask;
                while (keys[pos] != 0) {
                    pos = (pos + 1) & mask;
                }
                keys[pos] = key;
                values[pos] = oldValues[i];
            }
        }
    }

    private void allocate(final int buckets) {
        keys = new long[buckets];
        values = new int[buckets];
        mask = buckets - 1;
        sizeMax = buckets / 4 * 3;
    }

    /** True if one more id fits without growing the index. */
    boolean hasRoom() {
        return size < sizeMax;
    }

    /** Buckets allocated now. */
    int buckets() {
        return keys.length;
    }

    /** Ids held. */
    int size() {
        return size;
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

    /**
     * Inserts an id known to be absent; returns its bucket position (for {@link #clearNewest}). Grows the index if it
     * has no room ({@link #hasRoom()} false), which moves every id: the ledger makes room beforehand
     * ({@link #ensureRoom}), so an insert inside a linked chain never grows.
     */
    int insert(final long id, final int row) {
        assert id > 0 && get(id) == MISSING;
        if (size >= sizeMax) {
            ensureRoom(1);
        }
        size++;
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
        size--;
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

    /** Bytes held by the index now. */
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

    /** Bytes the index holds when full: its buckets at {@code capacity}. */
    static long bytesAtCapacity(final int capacity) {
        return bucketsFor(capacity) * (Long.BYTES + Integer.BYTES);
    }

    /** The smallest power of two of at least 4 buckets that holds {@code capacity} ids at a load of 0.75 or less. */
    private static long bucketsFor(final int capacity) {
        return Long.highestOneBit(Math.max(4L, capacity * 4L / 3 + 1) * 2 - 1);
    }

    private static int hash(final long id) {
        return (int) (StateHash.mix(id >>> BLOCK_BITS) << BLOCK_BITS | id & (1 << BLOCK_BITS) - 1);
    }
}
