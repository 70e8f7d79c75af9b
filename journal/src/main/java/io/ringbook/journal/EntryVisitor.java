package io.ringbook.journal;

import io.ringbook.engine.command.CommandRequest;

/**
 * Receives every entry of a {@link JournalReader#scan}, for the dump and verify tools: unlike a replay it also shows
 * the bookkeeping entries, torn batches and damage instead of stopping at them. Every method has a no-op default.
 */
public interface EntryVisitor {
    /** A REQUEST entry; {@code request} is reused after this returns. Not yet known to be committed. */
    default void onRequest(final long index, final long requestId, final long arrivalNs, final CommandRequest request) {
    }

    /**
     * A COMMIT entry. {@code chainVerified} says whether the stored chain equals the one recomputed from the anchor
     * (the last COMMIT before the scan's first request, or chain_0) over the REQUEST entries since; {@code chain} is
     * reused after this returns.
     */
    default void onCommit(final long firstIndex, final long lastIndex, final byte[] chain,
                          final boolean chainVerified) {
    }

    /** An OPEN entry: a writer session started, continuing at {@code nextIndex} from {@code chain}. */
    default void onOpen(final long nextIndex, final byte[] chain) {
    }

    /** {@code count} REQUEST entries were never committed (a torn batch): a replay drops them. */
    default void onDiscarded(final long count) {
    }

    /** An entry this reader cannot decode, at Chronicle index {@code excerptIndex}. */
    default void onUnreadable(final long excerptIndex, final String reason) {
    }
}
