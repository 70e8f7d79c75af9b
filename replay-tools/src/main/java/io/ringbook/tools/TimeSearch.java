package io.ringbook.tools;

import io.ringbook.engine.command.CommandRequest;
import io.ringbook.engine.state.Ledger;

/**
 * Watches a replay for the first request that ran after a timestamp. The engine's clock gives each event of a
 * request a tick {@code max(previous + 1, arrival)}, strictly increasing, so the first request that leaves the clock
 * past the timestamp is the first one excluded, and every later one is excluded too. It straddles the timestamp if
 * its first tick was still at or before it.
 */
final class TimeSearch {
    private final Ledger ledger;
    private final long timestamp;
    /** The clock after the previous request. */
    private long clockBefore;
    /** Last journal index whose requests all ran at or before the timestamp. */
    long lastIndex;
    /** The first request that ran after it, or -1 if none did. */
    long excludedIndex = -1;
    long excludedFirstTick;
    long excludedLastTick;
    /** Last committed index of the journal (set by the caller). */
    long journalEnd;

    TimeSearch(final Ledger ledger, final long timestamp) {
        this.ledger = ledger;
        this.timestamp = timestamp;
        this.clockBefore = ledger.lastTimestamp();
        this.lastIndex = ledger.journalIndex();
    }

    /** The replay's hook: stops at the first request whose events went past the timestamp. */
    boolean after(final long index, final CommandRequest request) {
        final long clock = ledger.lastTimestamp();
        if (clock <= timestamp) {
            lastIndex = index;
            clockBefore = clock;
            return true;
        }
        excludedIndex = index;
        excludedFirstTick = Math.max(clockBefore + 1, request.get(0).arrivalNs);
        excludedLastTick = clock;
        return false;
    }

    /** One line for stderr: which index was chosen and why the next request is not in. */
    String describe() {
        final String chosen = "timestamp " + timestamp + ": journal index " + lastIndex;
        if (excludedIndex < 0) {
            return chosen + " (the end of the journal: every committed request up to index " + journalEnd
                + " ran at or before it)";
        }
        if (excludedFirstTick <= timestamp) {
            return chosen + "; request " + excludedIndex + " straddles the timestamp (its events run from "
                + excludedFirstTick + " to " + excludedLastTick + ") and is excluded: requests are atomic in time";
        }
        return chosen + "; request " + excludedIndex + " ran after it (from " + excludedFirstTick + ")";
    }
}
