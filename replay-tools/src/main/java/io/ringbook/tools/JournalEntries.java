package io.ringbook.tools;

import io.ringbook.journal.EntryVisitor;

import java.io.IOException;
import java.util.HexFormat;

/** A dump format: receives the entries of a journal scan and writes them out. */
abstract class JournalEntries implements EntryVisitor {
    private static final HexFormat HEX = HexFormat.of();

    /** COMMIT entries whose stored chain differs from the one recomputed over their requests. */
    long brokenCommits;
    /** Entries that do not decode. */
    long unreadable;

    /** Counts damage; every format calls this from its {@code onCommit}. */
    final void noteCommit(final boolean verified) {
        if (!verified) {
            brokenCommits++;
        }
    }

    /** Counts damage; every format calls this from its {@code onUnreadable}. */
    final void noteUnreadable() {
        unreadable++;
    }

    /** Flushes what is buffered. */
    abstract void finish() throws IOException;

    static String hex(final byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
