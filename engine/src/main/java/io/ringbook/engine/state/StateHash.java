package io.ringbook.engine.state;

/**
 * A 64-bit digest of ledger state, for checking that replay, snapshot load and the live engine agree. Not a
 * cryptographic hash: the journal's integrity chain is what proves the journal unaltered.
 */
final class StateHash {
    private static final long PRIME = 0x9E37_79B9_7F4A_7C15L;

    private long hash = 0x5851_F42D_4C95_7F2DL;

    /** A strong 64-bit mixer (the finaliser of SplitMix64). */
    static long mix(final long value) {
        long z = value + PRIME;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    StateHash add(final long value) {
        hash = Long.rotateLeft(hash ^ mix(value), 27) * PRIME;
        return this;
    }

    StateHash add(final long[] data, final int length) {
        for (int i = 0; i < length; i++) {
            add(data[i]);
        }
        return this;
    }

    /** Adds whole rows of a section; "next" list links are derived data and hashed as NONE. */
    StateHash addRows(final long[] data, final int rows, final LedgerCut.Section section) {
        final int stride = section.stride();
        for (int row = 0; row < rows; row++) {
            final int base = row * stride;
            for (int field = 0; field < stride; field++) {
                final long word = data[base + field];
                add(section.isNextLink(field) ? Records.withoutNext(word) : word);
            }
        }
        return this;
    }

    /** Adds the rows of {@code records} (all {@code count} of them, page by page) as {@link #addRows} does. */
    StateHash addRows(final Records records, final LedgerCut.Section section) {
        for (int page = 0; page < Records.pages(records.count); page++) {
            addRows(records.pageAt(page), Records.rowsInPage(page, records.count), section);
        }
        return this;
    }

    long value() {
        return mix(hash);
    }

    /**
     * The state hash with the capacity limits in force mixed in, once a CONFIGURE set them ({@code limits} not null):
     * they decide future results, so a replay with other limits must not hash equal. A ledger that was never
     * configured (journals and snapshots from before CONFIGURE existed) hashes as it always did.
     */
    static long withLimits(final long hash, final LedgerConfig limits) {
        if (limits == null) {
            return hash;
        }
        return new StateHash().add(hash).add(limits.accountsCapacity()).add(limits.transfersCapacity())
            .add(limits.failedTransferIdsCapacity()).add(limits.historyCapacity()).value();
    }
}
