package io.ringbook.tools;

import io.ringbook.journal.EntryVisitor;

import java.io.IOException;
import java.util.HexFormat;

/** A dump format: receives the entries of a journal scan and writes them out. */
abstract class JournalEntries implements EntryVisitor {
    private static final HexFormat HEX = HexFormat.of();

    /** Flushes what is buffered. */
    abstract void finish() throws IOException;

    static String hex(final byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
